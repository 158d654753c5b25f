#!/bin/sh
# The limits of what care reads (docs/design.md, "Limits"): each one hit,
# with a message that says what the limit is and what to do; a 1 MiB
# record just under the limit passes. CARE_TEST_MAX_* lower a limit that
# would take too many files to reach, never raise one. And what care
# writes stays in its folder: links planted in the way are not followed.
. "$(dirname "$0")/lib.sh"

# The demo school, and one of its children's files.
demo() {
	cp -R "$TOP/records" "$TOP/templates" . &&
	kid=records/children/$(ls records/children | head -n 1)
}

test_expect_success 'a record file over 1 MiB is refused before it is parsed' '
	demo && cp "$kid" big.yaml &&
	awk "BEGIN { printf \"notes: |\\n\"; for (i = 0; i < 40000; i++) print \"  今天天气很好，大家都很开心。\" }" >>big.yaml &&
	test "$(wc -c <big.yaml)" -gt 1048576 && mv big.yaml "$kid" &&
	test_must_fail "$CARE" check "$kid" >out &&
	grep "^$kid: error: file is larger than 1 MiB; a record is a few KiB, so this is not a record file" out
'

test_expect_success 'a record just under 1 MiB (a long note) passes' '
	demo &&
	sed -i "/^  notes:\$/,/maxLength/s/maxLength: 5000/maxLength: 1000000/" records/schema/child.yaml &&
	sed -i "/^notes:/,\$d" "$kid" &&
	{ echo "notes: |" && awk "BEGIN { for (i = 0; i < 23000; i++) print \"  今天天气很好，大家一起读书。\" }"; } >>"$kid" &&
	size=$(wc -c <"$kid") && test $size -gt 1000000 && test $size -le 1048576 &&
	"$CARE" check "$kid" >out && grep "no problems found" out
'

test_expect_success 'nesting deeper than 64 levels' '
	demo &&
	{ printf "x: "; i=0; while test $i -lt 65; do printf "["; i=$((i + 1)); done; echo; } >>"$kid" &&
	test_must_fail "$CARE" check "$kid" >out &&
	grep "^$kid:[0-9]*:[0-9]*: error: nested more than 64 levels deep; a record never needs this many \[yaml-depth\]" out
'

test_expect_success 'more than 100,000 values in one file' '
	demo &&
	awk "BEGIN { printf \"x: [\"; for (i = 0; i < 100000; i++) printf \"a,\"; print \"a]\" }" >>"$kid" &&
	test_must_fail "$CARE" check "$kid" >out &&
	grep "^$kid:[0-9]*:[0-9]*: error: more than 100000 values and lists in one file; a record has a few hundred, so split this one into several records \[yaml-nodes\]" out &&
	CARE_TEST_MAX_NODES=10 test_must_fail "$CARE" check records/programme.yaml >out &&
	grep "more than 10 values and lists in one file" out
'

test_expect_success 'a value longer than the limit (lowered for the test; the file size bounds it)' '
	demo &&
	echo "x: $(printf "%0200d" 0)" >>"$kid" &&
	CARE_TEST_MAX_SCALAR=199 test_must_fail "$CARE" check "$kid" >out &&
	grep "^$kid:[0-9]*:4: error: this value is 200 bytes long, more than the 199 allowed; keep long texts (a report, scanned notes) outside the records and write a short summary here \[yaml-scalar\]" out &&
	CARE_TEST_MAX_SCALAR=99999999999 test_must_fail "$CARE" check "$kid" >out &&
	! grep "yaml-scalar" out
'

test_expect_success 'more files in a record folder than the limit (lowered for the test)' '
	demo &&
	CARE_TEST_MAX_FILES=5 test_must_fail "$CARE" check >out &&
	grep "^records/children: error: more than 5 files in this folder, the most care reads (a county has about 45,000 records); keep one repository per school or district \[too-many-files\]" out &&
	CARE_TEST_MAX_FILES=junk "$CARE" check >out
'

test_expect_success 'a partial that includes itself: the render stops and says so' '
	demo && "$CARE" render >/dev/null && cp -R site before &&
	echo "{{> loop}}" >templates/partials/loop.md && echo "{{> loop}}" >>templates/index.md &&
	{ test_must_fail --exit=1 "$CARE" render >out 2>err || { cat out err; false; }; } &&
	grep "^templates/index.md: error: partials are included more than 64 deep: a partial includes itself, directly or through another; remove that {{> ...}} from templates/partials \[template\]" err &&
	diff -r before site
'

test_expect_success 'sections nested more than 100 deep in a template' '
	demo &&
	{ i=0; while test $i -lt 101; do printf "{{#a}}"; i=$((i + 1)); done; echo; } >>templates/index.md &&
	{ test_must_fail "$CARE" render >out 2>err || { cat out err; false; }; } &&
	grep "^templates/index.md:[0-9]*:[0-9]*: error: sections are nested more than 100 deep here; close some of them first" err
'

test_expect_success 'a schema pattern that backtracks without end is stopped, and says why' '
	demo &&
	sed -i "0,/^    maxLength: 20\$/s//    maxLength: 20\n    pattern: \"^(a|aa)+\$\"/" records/schema/child.yaml &&
	sed -i "s/^name: .*/name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab/" "$kid" &&
	test_must_fail "$CARE" check "$kid" >out &&
	grep "^$kid:[0-9]*:[0-9]*: error: .name. could not be checked against its pattern within 1000000 steps, the most care allows; simplify the schema.s pattern (a repeat inside a repeat, such as (a|aa)+, tries every way to split the value) or shorten the value \[pattern\]" out
'

test_expect_success 'a FIFO in records/ has its own message (see also t0220)' '
	demo && mkfifo records/children/pipe.yaml &&
	test_must_fail "$CARE" check >out &&
	grep "^records/children/pipe.yaml: error: a FIFO or device is not a file" out
'

# --- what care writes stays in its folder ---

test_expect_success 'site/md linked elsewhere: the render is whole and writes nothing there' '
	demo && "$CARE" render >/dev/null && mkdir elsewhere && mv site/md/* elsewhere/ &&
	rmdir site/md && ln -s "$PWD/elsewhere" site/md && ls elsewhere >before &&
	cp -R elsewhere elsewhere.copy &&
	sed -i "s/^\(name: .*\)\$/\1甲/" "$kid" &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages" out &&
	test -d site/md && ! test -L site/md && diff -r elsewhere elsewhere.copy
'

test_expect_success 'a page name linked out of the new folder is not followed' '
	demo && "$CARE" render >/dev/null && echo keep >target &&
	rm site/index.html && ln -s "$PWD/target" site/index.html && rm -f .site.care-cache &&
	"$CARE" render >out && test "$(cat target)" = keep && ! test -L site/index.html
'

test_expect_success 'export -o and report -o onto a link replace the link, never its target' '
	demo && echo keep >target && ln -s "$PWD/target" kids.csv && ln -s "$PWD/target" report.json &&
	"$CARE" export children -o kids.csv && test "$(cat target)" = keep && ! test -L kids.csv &&
	"$CARE" report --format json -o report.json && test "$(cat target)" = keep && ! test -L report.json
'

test_expect_success 'care new and care import refuse a record folder that is a link' '
	"$CARE" init school --school 希望小学 >/dev/null && mkdir outside &&
	rmdir school/records/children && ln -s "$PWD/outside" school/records/children &&
	(cd school && test_must_fail "$CARE" new child --name 王小明 2>../err) &&
	grep "care: .records/children. is not a folder but a link or a file" err &&
	test -z "$(ls -A outside)"
'

test_expect_success '-o out/: the leftovers of a killed render are removed by the next' '
	demo && "$CARE" render -o out/ >/dev/null &&
	mkdir .out.tmp-AAAAAA && : >.out.care-cache.tmp-BBBBBB && : >.out.care-key.tmp-CCCCCC &&
	! CARE_TEST_KILL_AFTER=5 "$CARE" render --profile full -o out/ >/dev/null 2>&1 &&
	ls -a | grep "^\.out\.tmp-" &&
	"$CARE" render -o out/ >/dev/null && ls -a >left &&
	! grep "\.tmp-" left
'

test_done
