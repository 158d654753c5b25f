#!/bin/sh
# care render: golden pages of the demo school, privacy under the staff
# profile, escaping of hostile records, and what happens when a render
# cannot finish.
. "$(dirname "$0")/lib.sh"

GOLDEN=$FIXTURES/site

# A copy of the demo school with its templates, rendered into site/ under
# a known key, so that private activities' pages have the golden names.
demo() {
	cp -R "$TOP/records" "$TOP/templates" . &&
	printf "care-key 1\n000102030405060708090a0b0c0d0e0f\n" >.site.care-key &&
	"$CARE" render "$@" >render.out
}

# Every value the schema marks sensitive, one per line: phones, work
# places, addresses and health notes of children, phones of mentors.
sensitive_values() {
	sed -n -e 's/^ *-\{0,1\} *\(phone\|work_place\|address\): *"\{0,1\}\([^"]*\)"\{0,1\} *$/\2/p' \
		records/children/*.yaml records/pairings/*.yaml
	awk '/^health:/ { h = 1; next } /^[^ ]/ { h = 0 } h && /^  notes:/ { sub(/^  notes: */, ""); print }' \
		records/children/*.yaml
}

test_expect_success 'the demo renders, and its pages match the golden ones' '
	demo && grep "^care: wrote $DEMO_PAGES pages (profile: staff)" render.out &&
	test -f site/index.html && test -f site/md/index.md && test -f site/style.css &&
	for f in $(cd "$GOLDEN" && find . -type f | sort); do
		if [ -n "${UPDATE_GOLDEN:-}" ]; then cp "site/$f" "$GOLDEN/$f"; fi &&
		test_cmp "$GOLDEN/$f" "site/$f" || return 1
	done
'

test_expect_success '-o out/ (a trailing slash) keeps the cache, key and lock beside out, not in it' '
	cp -R "$TOP/records" "$TOP/templates" . &&
	"$CARE" render -o out/ >render.out &&
	test -f out/index.html && test -f .out.care-cache && test -f .out.care-lock &&
	test -z "$(find out -name ".*care*" ! -name .care-site)" &&
	"$CARE" render -o out/// >render2.out && grep "updated 0 of" render2.out
'

# The figures of one contact rule in care report's JSON on day $1 (kind,
# with or "", every): "reached of".
rule_figures() {
	"$CARE" report --date "$1" --format json 2>/dev/null |
	jq -r --arg k "$2" --arg w "$3" --arg e "$4" \
		'.contact[] | select(.kind == $k and (.with // "") == $w and .every == $e) | "\(.reached) \(.of)"'
}

test_expect_success 'contact rules with "with" count only contacts with that teacher' '
	cp -R "$TOP/records" "$TOP/templates" . &&
	printf "  - {kind: parent_contact, every: month}\n" >>records/programme.yaml.rules &&
	sed -i "/^  - {kind: parent_visit, every: year}/r records/programme.yaml.rules" records/programme.yaml &&
	rm records/programme.yaml.rules &&
	head_before=$(rule_figures 2026-12-01 parent_contact head_teacher month) &&
	subject_before=$(rule_figures 2026-12-01 parent_contact subject_teacher month) &&
	any_before=$(rule_figures 2026-12-01 parent_contact "" month) &&
	# A child no subject teacher reached in November.
	kid=$(for f in records/children/*.yaml; do
		id=$(basename $f .yaml)
		grep -q "^status: enrolled" $f &&
		! grep -l "with: subject_teacher" $(grep -l "\b$id\b" records/activities/2026-11-*.yaml) >/dev/null 2>&1 &&
		echo $id && break
	done) && test -n "$kid" &&
	printf "title: 科任老师电话\nkind: parent_contact\nwith: subject_teacher\ndate: 2026-11-25\nparticipants: [%s]\nstaff: [张伟]\n" "$kid" \
		>records/activities/2026-11-25-parent-contact-x.yaml &&
	"$CARE" check >check.out &&
	test "$(rule_figures 2026-12-01 parent_contact head_teacher month)" = "$head_before" &&
	set -- $subject_before && test "$(rule_figures 2026-12-01 parent_contact subject_teacher month)" = "$(($1 + 1)) $2" &&
	# Written the old way, a rule counts every parent contact: at least as many.
	set -- $(rule_figures 2026-12-01 parent_contact "" month) && any=$1 &&
	set -- $(rule_figures 2026-12-01 parent_contact subject_teacher month) && test $any -ge $1 &&
	set -- $(rule_figures 2026-12-01 parent_contact head_teacher month) && test $any -ge $1 &&
	test "$any_before" != ""
'

test_expect_success 'the home page shows the figures care report counts' '
	demo && "$CARE" report --format json >r.json &&
	enrolled=$(jq .children.enrolled r.json) &&
	grep -F "| 在读留守儿童 | $enrolled 人 |" site/md/index.md &&
	grep -F "| 有结对帮扶 | $(jq .pairing.covered r.json) 人" site/md/index.md &&
	grep -F "| 联系卡完整 | $(jq .dossier.complete r.json) 人" site/md/index.md &&
	jq -r ".contact[] | \"\(.from) 至 \(.to) | \(.reached) / \(.of) |\"" r.json >want &&
	test_line_count want 5 &&
	while read -r line; do grep -F "$line" site/md/index.md || exit 1; done <want &&
	grep -F "本学年还没有参加活动的在读儿童 | $(jq .activities.children_without r.json) 人" site/md/index.md
'

test_expect_success 'staff profile: no sensitive value anywhere under site/' '
	demo &&
	sensitive_values | sort -u >values && test "$(wc -l <values)" -gt 100 &&
	while read -r v; do
		if grep -rlF -- "$v" site; then echo "leaked: $v"; exit 1; fi
	done <values
'

test_expect_success 'full profile: the same values are on the contact cards' '
	demo --profile full &&
	grep "^care: wrote $DEMO_PAGES pages (profile: full)" render.out &&
	sensitive_values | sort -u >values &&
	while read -r v; do
		grep -rqF -- "$v" site-full/child-*.html site-full/pairing-*.html || { echo "missing: $v"; exit 1; }
	done <values &&
	grep -q "联系卡" site-full/child-cao-yuting-2019.html
'

test_expect_success 'the full profile renders into site-full/ by default, never over the staff site' '
	demo && cp -R site staff.before &&
	"$CARE" render --profile full >out && grep "site-full" out &&
	diff -r staff.before site && test -f site-full/index.html &&
	grep -q "联系卡" site-full/child-cao-yuting-2019.html &&
	! grep -rq "联系卡" site/child-cao-yuting-2019.html &&
	test -f .site-full.care-cache
'

test_expect_success 'every page says which profile it is' '
	demo &&
	for f in site/*.html; do grep -q "教职工版（隐藏敏感信息）" "$f" || { echo "$f"; exit 1; }; done
'

test_expect_success 'private activities show only date, kind and head count under staff' '
	demo &&
	grep -l "^kind: counselling" records/activities/*.yaml >private &&
	test -s private &&
	ls site | grep "^activity-p_[0-9a-f]\{16\}\.html\$" >pages && test -s pages &&
	while read -r f; do
		id=$(basename "$f" .yaml) &&
		child=$(sed -n "s/^participants: \[\([a-z0-9-]*\).*/\1/p" "$f") &&
		title=$(sed -n "s/^title: //p" "$f") &&
		test ! -e "site/activity-$id.html" && ! grep -rqF -- "$id" site &&
		! grep -qF -- "$title" site/activities.html site/md/activities.md $(sed "s|^|site/|" pages) &&
		! grep -q "activity-p_" "site/child-$child.html" || { echo "$id shows too much"; exit 1; }
	done <private &&
	while read -r p; do
		! grep -q "child-" "site/$p" || { echo "$p names a child"; exit 1; }
	done <pages
'

test_expect_success 'no page loads anything from outside; html lang is zh-CN' '
	demo &&
	! grep -rlE "(src|href)=\"(https?:)?//" site &&
	for f in site/*.html; do grep -q "<html lang=\"zh-CN\">" "$f" || exit 1; done
'

test_expect_success 'hostile text in a record renders as text' '
	make_base_repo && cp -R "$TOP/templates" . &&
	cat >name.txt <<-\EOF &&
	name: "<b>*a*</b>\"王\"|x"
	EOF
	{ cat name.txt; sed 1d records/children/li-na-2016.yaml; } >x &&
	mv x records/children/li-na-2016.yaml &&
	cat >>records/children/li-na-2016.yaml <<-\EOF &&
	notes: |
	  <img src=x onerror=alert(2)> [点我](javascript:alert(3)) ![](http://example.invalid/x.png)
	  [作业](https://example.org/a) <script>alert(4)</script>
	EOF
	"$CARE" render >out &&
	! grep -r "<script>alert" site &&
	! grep -r "<img" site &&
	! grep -ri "javascript:" site/*.html &&
	! grep -r "src=\"http" site &&
	grep -F "<h1>&lt;b&gt;*a*&lt;/b&gt;&quot;王&quot;|x</h1>" site/child-li-na-2016.html &&
	grep -F "&lt;img src=x onerror=alert(2)&gt;" site/child-li-na-2016.html &&
	grep -F "&lt;script&gt;alert(4)&lt;/script&gt;" site/child-li-na-2016.html &&
	grep -F "<a href=\"https://example.org/a\">作业</a>" site/child-li-na-2016.html &&
	grep -F "<a href=\"http://example.invalid/x.png\">" site/child-li-na-2016.html
'

test_expect_success 'records with errors stop the render; the old site stays' '
	demo && cp -R site before &&
	sed -i "s/^gender: .*/gender: 男/" records/children/cao-yuting-2019.yaml &&
	test_must_fail --exit=1 "$CARE" render >out 2>err &&
	grep "cao-yuting-2019.yaml:2:9: error" err &&
	grep "the site was not rendered" err &&
	diff -r before site &&
	"$CARE" render --keep-going >out 2>err &&
	test ! -f site/child-cao-yuting-2019.html && test -f site/child-chen-siyu-2015.html
'

test_expect_success 'a template error is reported at its position; the old site stays' '
	demo && cp -R site before &&
	printf "# {{#child}}{{name}}\n\nno close\n" >templates/child.md &&
	test_must_fail --exit=1 "$CARE" render >out 2>err &&
	grep "^templates/child.md:1:3: error: " err &&
	diff -r before site && ! ls -a | grep "^\.site\.tmp"
'

test_expect_success 'an interrupted render leaves the old site and no stray files' '
	demo && cp -R site before &&
	echo "<!-- -->" >>templates/layout.html &&
	test_must_fail --exit=2 env CARE_TEST_INTERRUPT_AFTER=20 "$CARE" render >out 2>err &&
	grep "interrupted; the site was left as it was" err &&
	diff -r before site && ! ls -a | grep "^\.site\.tmp"
'

test_expect_success 'a render killed outright leaves a folder the next render removes' '
	demo && echo "<!-- -->" >>templates/layout.html &&
	{ env CARE_TEST_KILL_AFTER=20 "$CARE" render >out 2>&1; test $? = 137; } &&
	ls -a | grep "^\.site\.tmp" &&
	"$CARE" render >out &&
	! ls -a | grep "^\.site\.tmp"
'

test_expect_success 'a folder care did not write is never replaced' '
	demo && mkdir mine && echo keep >mine/notes.txt &&
	test_must_fail --exit=2 "$CARE" render -o mine 2>err &&
	grep "was not written by care render" err &&
	test "$(cat mine/notes.txt)" = keep
'

test_expect_success 'a contact card leaves out what the file does not say' '
	cp -R "$TOP/records" "$TOP/templates" . &&
	sed -i "0,/^    phone: /{/^    phone: /d}" records/children/cao-yuting-2019.yaml &&
	sed -i "/^  address: /d" records/children/cao-yuting-2019.yaml &&
	"$CARE" render --profile full >out &&
	card=site-full/md/child-cao-yuting-2019.md &&
	grep "^| 母亲 | 覃燕，务工地 " $card && ! grep "电话 ，\|电话  |\|住址  |\|住址 |" $card
'

test_done
