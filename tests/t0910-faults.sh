#!/bin/sh
# Failures on demand (the fault build, `make FAULTS=1`, util/fault.h): the
# N-th allocation, write, fsync or rename of check, render, history, import
# and new fails, for N over the calls a fault-free run makes. Every run
# ends with a message and exit code 1 or 2 (never a signal), leaves the
# files that were there as they were, and a run without faults afterwards
# succeeds whatever the failed ones left behind.
. "$(dirname "$0")/lib.sh"

FAULTS_BIN=${CARE_FAULTS_BIN-$TOP/.build/faults/care}
COUNTS=$SCRATCH_ROOT/counts

# N values for a kind a fault-free run calls $1 times: each of them up to
# $2, else $2 spread from the first call to the last.
spread() {
	awk -v t="$1" -v m="$2" 'BEGIN {
		if (t <= m) { for (i = 1; i <= t; i++) print i; exit }
		for (i = 0; i < m; i++) print 1 + int(i * (t - 1) / (m - 1))
	}' | uniq
}

# fault_loop NAME MAX: with reset_NAME before each run, counts the calls of
# run_NAME without faults (keeping what it makes as the good result, see
# keep_NAME), then fails the N-th call of each kind and judges the run:
# exit 0 only where the failure is harmless (a cache not written), and
# then the result is the good one (ok_NAME); exit 1 or 2 with a message,
# and then the files are as they were (same_NAME), or, when memory ran out
# after the work was done (printing what it did), the good result whole.
fault_loop() {
	name=$1 max=$2 start=$(date +%s)
	reset_$name && CARE_FAULT_COUNT=1 run_$name >good.out 2>counts.err ||
		{ echo "the fault-free $name failed" >&2; cat counts.err >&2; return 1; }
	keep_$name || return 1
	for kind in ALLOC WRITE FSYNC RENAME; do
		total=$(sed -n "s/^care-fault-count: $kind //p" counts.err)
		tried=0
		for n in $(spread "$total" "$max"); do
			reset_$name || return 1
			(export CARE_FAULT_$kind=$n && run_$name) >out 2>err
			rc=$?
			tried=$((tried + 1))
			case $rc in
			0) ok_$name || { echo "$name, $kind $n: exit 0 but not the good result" >&2; return 1; } ;;
			1|2)
				grep -q "^care: \|: error: \|: warning: " err ||
					{ echo "$name, $kind $n: exit $rc without a message" >&2; cat err >&2; return 1; }
				same_$name || ok_$name >/dev/null 2>&1 ||
					{ echo "$name, $kind $n: exit $rc changed the files" >&2; cat err >&2; return 1; } ;;
			*) echo "$name, $kind $n: exit $rc" >&2; cat err >&2; return 1 ;;
			esac
		done
		echo "$name: $total $kind calls, $tried tried" >>"$COUNTS"
	done
	# Whatever the failed runs left behind, a run without faults repairs.
	run_$name >out 2>err && ok_$name &&
	echo "$name: $(($(date +%s) - start)) s" >>"$COUNTS"
}

# check: writes nothing, so the records stay as they are.
reset_check() { :; }
run_check() { "$FAULTS_BIN" check; }
keep_check() { cp -R records ../records.good; }
ok_check() { diff -r records ../records.good && test_cmp good.out out; }
same_check() { diff -r records ../records.good; }

# render over a site that exists, of records changed since: a whole render
# (the site is a copy, not the folder the render cache names).
demo() {
	cp -R "$TOP/records" "$TOP/templates" . &&
	printf "care-key 1\n000102030405060708090a0b0c0d0e0f\n" >.site.care-key &&
	"$CARE" render >/dev/null &&
	sed -i "s/由奶奶照顾/由外婆照顾/" records/children/cao-yuting-2019.yaml &&
	cp -R site ../site.old && cp .site.care-cache ../cache.old
}
reset_render() { rm -rf site .site.care-cache && cp -R ../site.old site; }
run_render() { "$FAULTS_BIN" render; }
keep_render() { ! diff -r site ../site.old >/dev/null && cp -R site ../site.good; }
# The cache names the site's folder, so it differs from run to run: that the
# one left is good, the render after the loop shows ("updated 0 of").
ok_render() { diff -r site ../site.good; }
same_render() { diff -r site ../site.old && ! test -f .site.care-cache; }
no_temp_sites() {
	! ls -d .site.tmp-* 2>/dev/null | grep -q .
}

# render again over the site the cache names: only the changed pages move in.
reset_rerender() {
	find site -mindepth 1 -delete && cp -R ../site.old/. site/ && cp ../cache.old .site.care-cache
}
run_rerender() { run_render; }
keep_rerender() { keep_render; }
ok_rerender() { ok_render; }
# The old cache, or none: it goes before the first page moves in. The site
# is the old one or the good one (fault_loop tries both). Not caught here:
# a rename failing between two pages that both changed leaves the first new
# and the second old (site_move_pages() cannot take back a page it moved).
same_rerender() {
	{ ! test -f .site.care-cache || cmp .site.care-cache ../cache.old; } && diff -r site ../site.old
}

# history: the cache in .git/care/ is the old one, the new one, or none.
history_repo() {
	git init -q repo && cd repo && make_base_repo &&
	git add -A && git commit -q -m "建档" && test_tick &&
	sed -i "s/^class: .*/class: 3/" records/children/li-na-2016.yaml &&
	git commit -q -am "李娜升班" && test_tick &&
	"$CARE" history li-na-2016 >/dev/null && cp .git/care/history ../history.old &&
	sed -i "s/^class: .*/class: 4/" records/children/li-na-2016.yaml &&
	git commit -q -am "李娜又升班" && test_tick
}
reset_history() { mkdir -p .git/care && cp ../history.old .git/care/history; }
run_history() { "$FAULTS_BIN" history li-na-2016; }
keep_history() { cp .git/care/history ../history.good; }
cache_left_alone() {
	! ls .git/care/ | grep -v "^history\$" &&
	{ ! test -f .git/care/history || cmp .git/care/history ../history.old ||
		cmp .git/care/history ../history.good; }
}
ok_history() { test_cmp good.out out && cache_left_alone; }
same_history() { cache_left_alone; }

# import: all the records or none, and no temporary folder left.
import_repo() {
	mkdir -p records/schema &&
	cp "$FIXTURES/base/records/programme.yaml" records/ &&
	cp "$TOP"/records/schema/*.yaml records/schema/ &&
	cp -R records ../records.old &&
	cat >kids.csv <<-EOF
	姓名,性别,出生日期,班级,外出情况,留守起始年份,父亲姓名,父亲电话,监护人,监护人关系,监护人电话,班主任,备注
	王小明,男,2015/3/14,三年级2班,父母均外出,2019,王大力,13812345678,李秀英,奶奶,13998765432,张伟,
	李娜,女,2016年5月1日,二年级1班,父亲外出,2020,李强,13812345670,王芳,外婆,13998765430,张伟,
	赵小虎,男,2015.9.1,三年级(1)班,父母均外出,2019,赵大山,13812345671,钱秀,爷爷,13998765431,张伟,
	EOF
}
reset_import() { rm -rf records && cp -R ../records.old records; }
run_import() { "$FAULTS_BIN" import children kids.csv; }
keep_import() { cp -R records ../records.good; }
ok_import() { diff -r records ../records.good && no_temp_records; }
# A run that ran out of memory may leave its temporary copies (never a
# record): the next run removes them. An empty folder for the kind may stay.
same_import() {
	{ rmdir records/children 2>/dev/null || :; } &&
	diff -r -x ".care-import-*" -x ".new-*" records ../records.old
}
no_temp_records() {
	! ls -d records/.care-import-* records/children/.new-* 2>/dev/null | grep -q .
}

# new: one file, or none (wang-xiaoming-2015 is taken: the second name is tried).
new_repo() { make_base_repo && cp -R records ../records.old; }
reset_new() { reset_import; }
run_new() { "$FAULTS_BIN" new child --name 王小明 birth_date=2015-03-14; }
keep_new() { keep_import; }
ok_new() { ok_import; }
same_new() { same_import; }

if ! test -x "$FAULTS_BIN"; then
	for c in check render re-render history import new; do
		test_skip "$c fails cleanly at every fault" "no fault build (make faults)"
	done
	test_done
	exit
fi

test_expect_success 'check: every failure ends with a message, the records untouched' '
	mkdir w && cd w && cp -R "$TOP/records" . && fault_loop check 40
'

test_expect_success 'render: a failed whole render leaves the old site and cache as they were' '
	mkdir w && cd w && demo && fault_loop render 8 && no_temp_sites &&
	"$CARE" render >out && grep "updated 0 of" out
'

test_expect_success 're-render: a failed one leaves the old site and cache as they were' '
	mkdir w && cd w && demo && find site -mindepth 1 -delete && cp -R ../site.old/. site/ &&
	"$CARE" render >/dev/null && rm -rf ../site.old ../cache.old &&
	sed -i "s/由外婆照顾/由外公照顾/" records/children/cao-yuting-2019.yaml &&
	sed -i "s/只有一部座机/只有一部手机/" records/children/zhou-junjie-2014.yaml &&
	cp -R site ../site.old && cp .site.care-cache ../cache.old &&
	fault_loop rerender 8 && no_temp_sites &&
	"$CARE" render >out && grep "updated 0 of" out
'

test_expect_success 'history: the cache is the old one, the new one or none' '
	mkdir w && cd w && history_repo && fault_loop history 40
'

test_expect_success 'import: every record or none, and no temporary folder left' '
	mkdir w && cd w && import_repo && fault_loop import 40 &&
	test -f records/children/zhao-xiaohu-2015.yaml
'

test_expect_success 'new: one new file or none' '
	mkdir w && cd w && new_repo && fault_loop new 40 &&
	test -f records/children/wang-xiaoming-2015-2.yaml
'

test -f "$COUNTS" && sed "s/^/# /" "$COUNTS"
test_done
