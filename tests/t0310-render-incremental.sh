#!/bin/sh
# Re-rendering: after each kind of edit, the pages a re-render rewrites
# make the site identical to a full render of the same records, and only
# those pages are rewritten.
. "$(dirname "$0")/lib.sh"

# A rendered demo in the current folder.
demo() {
	cp -R "$TOP/records" "$TOP/templates" . && "$CARE" render >render.out
}

# The site equals a full render of the same records into another folder
# (under the same key, which names private activities' pages).
same_as_full() {
	rm -rf full && cp .site.care-key .full.care-key && "$CARE" render -o full >/dev/null &&
	diff -r -x .care-cache site full
}

test_expect_success 'nothing changed: nothing is rewritten' '
	demo && "$CARE" render >out && grep "^care: updated 0 of $DEMO_PAGES pages" out
'

test_expect_success 'a child moves class: its pages are updated, and only they' '
	demo &&
	sed -i "s/^class: .*/class: 2/" records/children/cao-yuting-2019.yaml &&
	"$CARE" render >out && grep "^care: updated [0-9]* of $DEMO_PAGES pages" out &&
	! grep "^care: updated $DEMO_PAGES " out && same_as_full
'

test_expect_success 'a mentor is renamed: the old mentor page goes' '
	demo && f=records/pairings/2025-cao-yuting-2019.yaml &&
	sed -i "s/^  name: .*/  name: 新老师/" $f &&
	"$CARE" render >out && test -f site/mentor-xin-lao-shi.html && same_as_full
'

test_expect_success 'an activity is added, retitled, then deleted' '
	demo && A=records/activities &&
	cp $A/2026-11-27-family-call.yaml $A/2026-11-28-family-call.yaml &&
	"$CARE" render >out && test -f site/activity-2026-11-28-family-call.html && same_as_full &&
	sed -i "s/^title: .*/title: 新标题/" $A/2026-11-28-family-call.yaml &&
	"$CARE" render >out && grep -q 新标题 site/activities.html && same_as_full &&
	rm $A/2026-11-28-family-call.yaml &&
	"$CARE" render >out && test ! -f site/activity-2026-11-28-family-call.html && same_as_full
'

test_expect_success 'a pairing ends; a new day and a new school year' '
	demo && f=records/pairings/2025-cao-yuting-2019.yaml &&
	printf "end: 2026-11-27\n" >>$f && "$CARE" render >out && same_as_full &&
	# A new day: the figures of the home page, each class and the report of this year.
	CARE_TODAY=2026-11-29 "$CARE" render >out &&
	grep "^care: updated $(( $(ls site/class-*.html | wc -l) + 2 )) of" out &&
	CARE_TODAY=2027-09-02 "$CARE" render >out && CARE_TODAY=2027-09-02 same_as_full
'

test_expect_success 'a template, schema or profile change renders everything' '
	demo &&
	echo "<!-- -->" >>templates/layout.html && "$CARE" render >out &&
	grep "^care: wrote $DEMO_PAGES pages" out &&
	"$CARE" render --profile full >out && grep "^care: wrote $DEMO_PAGES pages (profile: full)" out
'

test_expect_success 'a damaged manifest is not trusted' '
	demo && printf "care-cache 1\nrubbish" >.site.care-cache &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages" out &&
	head -c 3000 .site.care-cache >x && mv x .site.care-cache &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages" out
'

test_expect_success 'an interrupted re-render leaves the site as it was' '
	demo && cp -R site before &&
	sed -i "s/^class: .*/class: 2/" records/children/cao-yuting-2019.yaml &&
	test_must_fail --exit=2 env CARE_TEST_INTERRUPT_AFTER=3 "$CARE" render >out 2>err &&
	grep "interrupted" err && diff -r before site && ! ls -a | grep "^\.site\.tmp" &&
	"$CARE" render >out && same_as_full
'

test_expect_success 'a record with a rule error stays out, and is reported again' '
	demo && f=records/children/cao-yuting-2019.yaml &&
	sed -i "s/^  父亲在本地开货车.*/  父亲电话 13912345678。/" $f &&
	"$CARE" render --keep-going >out 2>err && grep "pii-in-text" err &&
	! grep -r 13912345678 site &&
	test_must_fail --exit=1 "$CARE" render >out 2>err && grep "pii-in-text" err
'

test_expect_success 'mentor page names stay unique when a name ends in a number' '
	demo && P=records/pairings &&
	f1=$(ls $P/*.yaml | sed -n 1p) f2=$(ls $P/*.yaml | sed -n 2p) f3=$(ls $P/*.yaml | sed -n 3p) &&
	sed -i "s/^  name: .*/  name: 王丽/" $f1 && sed -i "s/^  name: .*/  name: 汪立/" $f2 &&
	sed -i "s/^  name: .*/  name: 王丽（2）/" $f3 &&
	"$CARE" render >out && same_as_full &&
	test -f site/mentor-wang-li.html && test -f site/mentor-wang-li-2.html && test -f site/mentor-wang-li-3.html
'

test_done
