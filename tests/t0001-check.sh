#!/bin/sh
# care check end to end: the demo records, options, exit codes, output
# forms, and generated corpora.
. "$(dirname "$0")/lib.sh"

test_expect_success 'the demo records pass' '
	"$CARE" -C "$TOP" check >out &&
	grep "no problems found" out
'

test_expect_success 'care check finds the top from a sub-folder' '
	cd "$TOP/records/children" && "$CARE" check >"$scratch/out" &&
	grep "no problems found" "$scratch/out"
'

test_expect_success 'outside a records repository: exit 2 and a hint' '
	test_must_fail --exit=2 "$CARE" check 2>err &&
	grep "records/programme.yaml" err
'

test_expect_success 'unknown command and option: exit 2' '
	make_base_repo &&
	test_must_fail --exit=2 "$CARE" frobnicate 2>err &&
	grep "not a care command" err &&
	test_must_fail --exit=2 "$CARE" check --nonsense 2>err &&
	grep "usage: care check" err
'

test_expect_success 'a missing path argument: exit 2' '
	make_base_repo &&
	test_must_fail --exit=2 "$CARE" check records/children/nobody.yaml 2>err &&
	grep "nobody.yaml" err
'

test_expect_success 'a broken schema: exit 2, reported at the schema line' '
	make_base_repo &&
	sed "s/^required:/requried:/" records/schema/child.yaml >s && mv s records/schema/child.yaml &&
	test_must_fail --exit=2 "$CARE" check >out &&
	grep "records/schema/child.yaml:8:1: error: unknown schema keyword .requried.; did you mean .required.?" out
'

test_expect_success 'warnings alone exit 0' '
	make_base_repo &&
	rm records/pairings/2025-li-na-2016.yaml &&
	"$CARE" check >out &&
	grep "warning: .*no active pairing" out &&
	grep "1 warning" out
'

test_expect_success 'a record path checks that file; references still resolve' '
	make_base_repo &&
	"$CARE" check records/pairings/2025-li-na-2016.yaml >out &&
	grep "2 files checked, no problems" out
'

test_expect_success '--format json is valid JSON with every field' '
	make_base_repo &&
	sed "s/^gender: male/gender: boy/; s/^class: 2/class: x/" records/children/wang-xiaoming-2015.yaml >c &&
	mv c records/children/wang-xiaoming-2015.yaml &&
	test_must_fail --exit=1 "$CARE" check --format json >out.json &&
	perl -MJSON::PP -e "
		local \$/; my \$d = decode_json(<STDIN>);
		die qq(want 2 got ) . scalar(@\$d) unless @\$d == 2;
		for my \$e (@\$d) { for my \$k (qw(path line column severity rule message)) { exists \$e->{\$k} or die qq(no \$k) } }
		die unless \$d->[0]{rule} eq q(enum) && \$d->[0]{line} == 2;
	" <out.json
'

test_expect_success 'a terminal gets the source line and a caret' '
	command -v script >/dev/null || { echo "# script(1) missing"; exit 0; } &&
	make_base_repo &&
	sed "s/^  name: 李秀英/  name：李秀英/" records/children/wang-xiaoming-2015.yaml >c &&
	mv c records/children/wang-xiaoming-2015.yaml &&
	script -qec "\"$CARE\" check" /dev/null | tr -d "\r" >out;
	grep "^    name：李秀英$" out &&
	grep "^        \\^$" out
'

test_expect_success 'Chinese messages under a Chinese locale' '
	make_base_repo &&
	sed "s/^gender: male/gender: 男/" records/children/wang-xiaoming-2015.yaml >c &&
	mv c records/children/wang-xiaoming-2015.yaml &&
	test_must_fail --exit=1 env LANG=zh_CN.UTF-8 LC_ALL= LC_MESSAGES= "$CARE" check >out &&
	grep "“性别”要填代号" out &&
	test_must_fail env LC_ALL=C LANG=zh_CN.UTF-8 "$CARE" check >out &&
	grep "written with its code" out
'

test_expect_success 'one thread and many give the same output' '
	make_base_repo &&
	sed "s/^gender: male/gender: boy/" records/children/wang-xiaoming-2015.yaml >c &&
	mv c records/children/wang-xiaoming-2015.yaml &&
	CARE_THREADS=1 "$CARE" check >one;
	CARE_THREADS=4 "$CARE" check >four;
	test_cmp one four
'

# A generated corpus of 751 records and the demo templates, in corpus/.
# CARE_THREADS forces that many threads, so each count below really runs.
thread_corpus() {
	"$TOP/tests/bench/gen-corpus" corpus --children 300 --pairings 300 --activities 150 >/dev/null &&
	cp -R "$TOP/templates" corpus/
}

test_expect_success 'check: 1, 2, 4 and 7 threads give the same JSON on a corpus' '
	thread_corpus && cd corpus && C=records/children P=records/pairings A=records/activities &&
	# problems spread over many files and all three kinds, found by the
	# schema, the rules and the cross-reference pass after the threads
	for f in $(ls $C/*.yaml | awk "NR % 9 == 1"); do sed -i "s/^gender: .*/gender: boy/" $f; done &&
	for f in $(ls $C/*.yaml | awk "NR % 11 == 5"); do printf "notes: |\n  妈妈电话 13812345678\n" >>$f; done &&
	for f in $(ls $P/*.yaml | awk "NR % 13 == 2"); do sed -i "s/^focus:/fokus:/" $f; done &&
	for f in $(ls $A/*.yaml | awk "NR % 7 == 3"); do sed -i "s/^date: \([0-9]*\)-[0-9]*-/date: \1-13-/" $f; done &&
	rm $(ls $C/*.yaml | sed -n 20p) &&
	for n in 1 2 4 7; do
		test_must_fail --exit=1 env CARE_THREADS=$n "$CARE" check --format json >json.$n || exit 1
	done &&
	perl -MJSON::PP -0777 -ne "my \$n = @{decode_json(\$_)}; print qq(\$n diagnostics\n); exit(\$n < 100)" json.1 &&
	test_cmp json.1 json.2 && test_cmp json.1 json.4 && test_cmp json.1 json.7
'

test_expect_success 'render: 1, 2, 4 and 7 threads write the same site of a corpus' '
	thread_corpus && cd corpus &&
	for n in 1 2 4 7; do
		# One key for all four: it names the private activities pages.
		{ test $n = 1 || cp .site.1.care-key .site.$n.care-key; } &&
		CARE_THREADS=$n "$CARE" render -o site.$n >out.$n || exit 1
	done &&
	test "$(ls site.1 | wc -l)" -gt 700 &&
	diff -r site.1 site.2 && diff -r site.1 site.4 && diff -r site.1 site.7
'

for gen in "$TOP/tests/bench/gen-corpus" "$TOP/../shared/tools/gen-corpus"; do
	if [ -x "$gen" ]; then
		test_expect_success "a corpus from ${gen#$TOP/} passes" '
			"$gen" corpus --children 300 --activities 100 >/dev/null &&
			cp "$TOP"/records/schema/*.yaml corpus/records/schema/ 2>/dev/null ||
			{ mkdir -p corpus/records/schema && cp "$TOP"/records/schema/*.yaml corpus/records/schema/; } &&
			"$CARE" -C corpus check >out &&
			{ grep "no problems found" out ||
			  # Another generator may not know that a child is not at
			  # school on its status_date: warnings, which need no fix.
			  grep " 0 error(s)" out; }
		'
	else
		test_skip "a corpus from ${gen#$TOP/} passes" "${gen#$TOP/} is not here"
	fi
done

test_done
