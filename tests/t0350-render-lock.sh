#!/bin/sh
# One render of a folder at a time, a manifest trusted only for the folder
# it describes, and setup errors that --keep-going cannot skip: renders of
# both profiles at once never leave contact cards in a staff site, a page
# deleted or added by hand means a whole render, and a mistyped
# private_activity_kinds stops check and render alike.
. "$(dirname "$0")/lib.sh"

# A copy of the demo school with its templates, rendered into site/.
demo() {
	cp -R "$TOP/records" "$TOP/templates" . && "$CARE" render "$@" >render.out
}

# The parents' and guardians' phones: what only contact cards show.
phones() {
	sed -n 's/^ *-\{0,1\} *phone: *"\{0,1\}\([0-9]\{11\}\)"\{0,1\} *$/\1/p' records/children/*.yaml |
		sort -u >phones && test "$(wc -l <phones)" -gt 20
}

# Folder $1 is a whole staff site: no phone anywhere in it, and the same
# files as a staff render of the same records into a new folder (under
# the same key, which names private activities' pages).
whole_staff() {
	! grep -rlF -f phones "$1" &&
	rm -rf ref .ref.care-cache && { ! test -f ".$1.care-key" || cp ".$1.care-key" .ref.care-key; } &&
	"$CARE" render -o ref >/dev/null &&
	diff -r "$1" ref
}

# Holds the lock of site/ from a process of the test's own, until killed.
hold_lock() {
	( flock -x 9 && : >held && exec sleep 300 ) 9>.site.care-lock &
	holder=$!
	while ! test -f held && kill -0 $holder; do sleep 0.1; done
	test -f held
}

test_expect_success 'a full render puts phones in the site (what the tests below look for)' '
	demo --profile full -o site && phones && grep -rlF -f phones site >found &&
	test "$(wc -l <found)" -gt 20
'

test_expect_success 'renders of both profiles at once into one folder: the last one wins, whole' '
	cp -R "$TOP/records" "$TOP/templates" . && phones &&
	for s in 0 0.05 0.1 0.15 0.2 0.25 0.3 0.4 0.5 0.7; do
		"$CARE" render --profile full -o out >full.out 2>full.err & pid=$!
		sleep $s
		"$CARE" render -o out >staff.out 2>staff.err || { cat staff.err; exit 1; }
		wait $pid || { cat full.err; exit 1; }
		"$CARE" render -o out >last.out 2>last.err || { cat last.err; exit 1; }
		cat full.err staff.err last.err &&
		grep -E "^care: (wrote $DEMO_PAGES pages|updated [0-9]+ of $DEMO_PAGES pages) \(profile: staff\)" last.out &&
		whole_staff out || exit 1
	done
'

test_expect_success 'two staff renders at once both succeed, and the site is whole' '
	cp -R "$TOP/records" "$TOP/templates" . && phones &&
	for s in 0 0.1 0.2; do
		"$CARE" render -o out >a.out 2>a.err & pid=$!
		sleep $s
		"$CARE" render -o out >b.out 2>b.err || { cat b.err; exit 1; }
		wait $pid || { cat a.err; exit 1; }
		whole_staff out || exit 1
	done
'

test_expect_success 'a render waits for the one holding the lock, then renders' '
	cp -R "$TOP/records" "$TOP/templates" . && phones && hold_lock || exit 1
	"$CARE" render >out 2>err & pid=$!
	while ! grep -qs "waiting" err && kill -0 $pid; do sleep 0.1; done
	grep "another care render is writing .*site.; waiting for it to finish" err && ! test -d site
	ret=$?; kill $holder; test $ret = 0 &&
	wait $pid && grep "^care: wrote $DEMO_PAGES pages" out && whole_staff site
'

test_expect_success 'a render that waits in vain stops, and writes nothing' '
	demo && phones && cp -R site before && hold_lock &&
	test_must_fail --exit=2 env CARE_TEST_LOCK_WAIT=1 "$CARE" render --profile full -o site >out 2>err;
	ret=$?; kill $holder; test $ret = 0 &&
	grep "waiting" err && grep "another care render is still writing .*site.; the site was not rendered" err &&
	diff -r before site
'

test_expect_success 'a render killed outright leaves a lock the next render takes at once' '
	demo && phones && echo "<!-- -->" >>templates/layout.html &&
	{ env CARE_TEST_KILL_AFTER=20 "$CARE" render --profile full -o site >out 2>&1; test $? = 137; } &&
	test -f .site.care-lock &&
	CARE_TEST_LOCK_WAIT=0 "$CARE" render >out 2>err && ! grep waiting err &&
	grep "^care: wrote $DEMO_PAGES pages (profile: staff)" out && whole_staff site
'

test_expect_success 'a full site under a staff manifest is rendered again in full' '
	demo && phones && cp .site.care-cache staff.cache &&
	"$CARE" render --profile full -o site >out && grep -rlF -f phones site >/dev/null &&
	cp staff.cache .site.care-cache &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages (profile: staff)" out && whole_staff site
'

test_expect_success 'a site whose marker names the other profile is rendered again in full' '
	demo && phones &&
	printf "care render\nprofile: full\n" >site/.care-site &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages" out && whole_staff site &&
	printf "care render\n" >site/.care-site &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages" out && whole_staff site
'

test_expect_success 'a page deleted from the site comes back' '
	demo && phones &&
	rm site/child-cao-yuting-2019.html &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages" out && whole_staff site &&
	rm site/md/roster.md &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages" out && whole_staff site &&
	rm site/style.css &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages" out && whole_staff site &&
	"$CARE" render >out && grep "^care: updated 0 of $DEMO_PAGES pages" out
'

test_expect_success 'a page added to the site by hand goes at the next render' '
	demo && phones &&
	echo "<p>13800000000</p>" >site/extra.html &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages" out && ! test -e site/extra.html &&
	echo x >site/md/extra.md &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages" out && ! test -e site/md/extra.md &&
	mkdir site/dir.html &&
	"$CARE" render >out && grep "^care: wrote $DEMO_PAGES pages" out && whole_staff site
'

# private_activity_kinds: each mistake stops check and render --keep-going.
for case in \
	"scalar|counselling|should be a list" \
	"typo|[counseling, talk]|did you mean .counselling." \
	"empty||has no value" \
	"unknown|[counselling, dance]|cannot be .dance." \
	"chinese|[心理辅导, talk]|written with its code"
do
	name=${case%%|*} rest=${case#*|}
	value=${rest%%|*} message=${rest#*|}
	test_expect_success "private_activity_kinds: $name stops check and render --keep-going" '
		cp -R "$TOP/records" "$TOP/templates" . &&
		sed -i "s/^private_activity_kinds:.*/private_activity_kinds: $value/" records/programme.yaml &&
		grep -Fx "private_activity_kinds: $value" records/programme.yaml &&
		test_must_fail --exit=1 "$CARE" check >out 2>err &&
		grep "^records/programme.yaml:[0-9]*:[0-9]*: error: .private_activity_kinds.*$message" out &&
		test_must_fail --exit=1 "$CARE" render --keep-going >out 2>err &&
		grep "error: .private_activity_kinds.*$message" err &&
		grep "Errors in the setup cannot be skipped, not even with --keep-going" err &&
		! test -e site && ! test -e .site.care-cache
	'
done

test_expect_success 'private_activity_kinds: a mistake leaves the previous site as it was' '
	demo && cp -R site before && cp .site.care-cache before.cache &&
	sed -i "s/^private_activity_kinds:.*/private_activity_kinds: [counseling, talk]/" records/programme.yaml &&
	test_must_fail --exit=1 "$CARE" render --keep-going >out 2>err &&
	diff -r before site && cmp before.cache .site.care-cache
'

test_expect_success 'private_activity_kinds: a kind the activity schema lacks is an error too' '
	cp -R "$TOP/records" "$TOP/templates" . &&
	sed -i "/^  private_activity_kinds:/,/^  site:/{/^      enum:/d;/^      x-labels:/,/^  site:/{/^        /d;/^      x-labels:/d}}" records/schema/programme.yaml &&
	! grep -A12 "^  private_activity_kinds:" records/schema/programme.yaml | grep -q "enum:" &&
	sed -i "s/^private_activity_kinds:.*/private_activity_kinds: [counseling, talk]/" records/programme.yaml &&
	test_must_fail --exit=1 "$CARE" check >out &&
	grep "programme.yaml:[0-9]*:[0-9]*: error: .private_activity_kinds\[1\]. cannot be .counseling.: records/schema/activity.yaml has no such kind.*\[private-kinds\]" out &&
	test_line_count out 2 &&
	sed -i "s/^private_activity_kinds:.*/private_activity_kinds: counselling/" records/programme.yaml &&
	test_must_fail --exit=1 "$CARE" check >out &&
	test_line_count out 2 &&
	test_must_fail --exit=1 "$CARE" render --keep-going >out 2>err && ! test -e site
'

test_expect_success 'private_activity_kinds: [] is allowed, with a warning, and makes counselling public' '
	cp -R "$TOP/records" "$TOP/templates" . &&
	sed -i "s/^private_activity_kinds:.*/private_activity_kinds: []/" records/programme.yaml &&
	"$CARE" check >out &&
	grep "^records/programme.yaml:[0-9]*:[0-9]*: warning: .private_activity_kinds. is empty: every activity.*\[private-kinds\]" out &&
	"$CARE" render >out 2>err && grep "warning: .private_activity_kinds. is empty" err &&
	grep "^participants: \[li-mengqi-2017\]" records/activities/2025-10-22-counselling.yaml &&
	grep "child-li-mengqi-2017" site/activity-2025-10-22-counselling.html
'

test_expect_success 'private_activity_kinds: left out, counselling and talks stay private' '
	cp -R "$TOP/records" "$TOP/templates" . &&
	sed -i "/^private_activity_kinds:/d" records/programme.yaml &&
	"$CARE" check >out && test_line_count out 1 &&
	"$CARE" render >out 2>err &&
	! grep "child-li-mengqi-2017" site/activity-2025-10-22-counselling.html &&
	t=$(grep -l "^kind: talk" records/activities/*.yaml | head -n 1) && test -n "$t" &&
	kid=$(sed -n "s/^participants: \[\([a-z0-9-]*\).*/\1/p" $t) && test -n "$kid" &&
	! grep "child-$kid" site/activity-$(basename $t .yaml).html
'

test_done
