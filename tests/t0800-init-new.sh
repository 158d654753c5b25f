#!/bin/sh
# care init: a new school's records repository that checks, renders and
# guards its commits; care new: records to fill in, under fresh ids, never
# over a file, reporting in care check only what is still to fill in.
. "$(dirname "$0")/lib.sh"

# A school made by care init, in ./school.
init_school() {
	"$CARE" init school --school 希望小学 >init.out
}

# What care check says about one file: its rules and fields, one a line
# ("empty gender"), from "path:l:c: error: 'gender' has no value... [empty]".
problems() {
	sed -n "s|^$1:[0-9]*:[0-9]*: error: '\([^']*\)'.*\[\([a-z-]*\)\]\$|\2 \1|p" check.out
}

test_expect_success 'care init: a git repository with its schemas, hook and one commit' '
	init_school &&
	test -f school/records/programme.yaml &&
	for k in child pairing activity programme; do test -f school/records/schema/$k.yaml || return 1; done &&
	test -x school/hooks/pre-commit && test -x school/hooks/pre-merge-commit &&
	test -d school/records/children && test -d school/records/pairings && test -d school/records/activities &&
	test "$(git -C school config core.hooksPath)" = hooks &&
	test "$(git -C school log --format=%s)" = 建立留守儿童关爱档案 &&
	test "$(git -C school log --format="%an %ad" --date=iso)" = "张伟 2026-09-01 08:00:00 +0800" &&
	test -z "$(git -C school status --porcelain)" &&
	grep "^school: \"希望小学\"" school/records/programme.yaml &&
	grep "title: \"希望小学留守儿童关爱档案\"" school/records/programme.yaml &&
	grep "^/site/\$" school/.gitignore && grep "^/.site\*\$" school/.gitignore &&
	git -C school ls-files >files && ! grep "^records/children/" files
'

test_expect_success 'care init: the new records pass care check, and it says what to do next' '
	init_school &&
	(cd school && "$CARE" check) >out &&
	grep "no problems found" out &&
	grep "care new child --name" init.out && grep "care check" init.out &&
	grep "care render" init.out
'

test_expect_success 'care init: an installed care makes records that it renders' '
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" install PREFIX="$PWD/inst" >/dev/null &&
	test -f inst/share/care/schema/child.yaml && test -x inst/share/care/hooks/pre-commit &&
	test -f inst/share/care/templates/new/child.yaml &&
	inst/bin/care init school --school 希望小学 >/dev/null &&
	(cd school && ../inst/bin/care check && ../inst/bin/care render) >out &&
	grep "^care: wrote [0-9]* pages" out && test -f school/site/index.html &&
	grep 希望小学 school/site/index.html &&
	test -z "$(git -C school status --porcelain)"
'

test_expect_success 'care init: the hook refuses a commit of an invalid record' '
	init_school && mkdir bin && ln -s "$CARE" bin/care &&
	(cd school && PATH="$PWD/../bin:$PATH" && export PATH &&
	 printf "name: 王小明\ngender: 男\n" >records/children/wang-xiaoming-2015.yaml &&
	 git add records && test_must_fail git commit -q -m 建档) &&
	test "$(git -C school rev-list --count HEAD)" = 1
'

test_expect_success 'care init: refuses a folder that already has records/' '
	mkdir -p school/records && echo "school: 老学校" >school/records/programme.yaml &&
	test_must_fail --exit=2 "$CARE" init school --school 希望小学 2>err &&
	grep "already exists" err &&
	test "$(cat school/records/programme.yaml)" = "school: 老学校" &&
	test ! -d school/.git
'

test_expect_success 'care init: without --school and a terminal, a usage error' '
	test_must_fail --exit=2 "$CARE" init school </dev/null 2>err &&
	grep -- "--school" err && test ! -d school
'

test_expect_success 'care new child: pinyin and birth year; care check asks only for what is empty' '
	init_school && cd school &&
	"$CARE" new child --name 王小明 birth_date=2015-03-14 >out 2>err &&
	test "$(cat out)" = records/children/wang-xiaoming-2015.yaml &&
	head -1 records/children/wang-xiaoming-2015.yaml >first &&
	echo "# yaml-language-server: \$schema=../schema/json/child.json" >want && test_cmp want first &&
	grep "^gender:  # 性别（必填）：male 男 | female 女\$" records/children/wang-xiaoming-2015.yaml &&
	grep "^# status_date:  # 状态变更日期（选填）" records/children/wang-xiaoming-2015.yaml &&
	grep "^status: enrolled  # 在读状态（必填）" records/children/wang-xiaoming-2015.yaml &&
	test_must_fail --exit=1 "$CARE" check >check.out &&
	problems records/children/wang-xiaoming-2015.yaml >got &&
	cat >want <<-\EOF2 &&
	empty gender
	empty cohort
	empty class
	empty left_behind.away
	empty left_behind.since
	empty parents[1].relation
	empty parents[1].name
	empty guardian.name
	empty guardian.relation
	empty head_teacher
	EOF2
	test_cmp want got &&
	grep "10 error(s)" check.out
'

test_expect_success 'care new child: with every required field given, care check passes' '
	init_school && cd school &&
	"$CARE" new child --name 李娜 gender=女 birth_date=2016-05-01 cohort=2022 class=2 \
		left_behind.away=both left_behind.since=2020 parents.relation=father parents.name=李大力 \
		parents.phone=13812345678 guardian.name=张秀英 guardian.relation=grandmother \
		head_teacher=张伟 needs=poverty,学困 >out 2>err &&
	test "$(cat out)" = records/children/li-na-2016.yaml &&
	grep "^gender: female" records/children/li-na-2016.yaml &&
	grep "^    phone: \"13812345678\"" records/children/li-na-2016.yaml &&
	grep "^needs: \[poverty, learning\]" records/children/li-na-2016.yaml &&
	"$CARE" check >check.out && grep "0 error(s), 1 warning(s)" check.out &&
	grep "no-active-pairing" check.out
'

test_expect_success 'care new: ids are pinyin alone without a date, -2 when taken, never overwritten' '
	init_school && cd school &&
	"$CARE" new child --name 王小明 >out1 2>/dev/null &&
	test "$(cat out1)" = records/children/wang-xiaoming.yaml &&
	echo "name: 别人的档案" >records/children/li-na-2016.yaml &&
	"$CARE" new child --name 李娜 birth_date=2016-01-02 >out2 2>/dev/null &&
	test "$(cat out2)" = records/children/li-na-2016-2.yaml &&
	"$CARE" new child --name 李娜 birth_date=2016-01-02 >out3 2>/dev/null &&
	test "$(cat out3)" = records/children/li-na-2016-3.yaml &&
	test "$(cat records/children/li-na-2016.yaml)" = "name: 别人的档案" &&
	"$CARE" new child --name 欧阳修 >out4 2>/dev/null &&
	test "$(cat out4)" = records/children/ouyang-xiu.yaml &&
	ls -a records/children >files && ! grep "^\.new" files
'

test_expect_success 'care new pairing: by name or id; <year>-<child>; only the plan and mentor to fill in' '
	init_school && cd school &&
	"$CARE" new child --name 王小明 birth_date=2015-03-14 >/dev/null 2>&1 &&
	"$CARE" new pairing --child 王小明 >out 2>/dev/null &&
	test "$(cat out)" = records/pairings/2026-wang-xiaoming-2015.yaml &&
	grep "^child: wang-xiaoming-2015  # 帮扶对象（必填）" records/pairings/2026-wang-xiaoming-2015.yaml &&
	grep "^start: 2026-11-28" records/pairings/2026-wang-xiaoming-2015.yaml &&
	"$CARE" new pairing --child wang-xiaoming-2015 start=2025-09-01 mentor.name=李芳 >out 2>/dev/null &&
	test "$(cat out)" = records/pairings/2025-wang-xiaoming-2015.yaml &&
	test_must_fail --exit=1 "$CARE" check records/pairings >check.out &&
	problems records/pairings/2025-wang-xiaoming-2015.yaml >got &&
	printf "empty focus\nempty plan.schedule\nempty plan.content\nempty plan.goals\n" >want &&
	test_cmp want got
'

test_expect_success 'care new pairing: a name shared by two children lists them; no such child fails' '
	init_school && cd school &&
	"$CARE" new child --name 王小明 birth_date=2015-03-14 >/dev/null 2>&1 &&
	"$CARE" new child --name 王小明 birth_date=2016-03-14 >/dev/null 2>&1 &&
	test_must_fail --exit=2 "$CARE" new pairing --child 王小明 2>err &&
	grep "2 children are named" err && grep "^  wang-xiaoming-2015\$" err && grep "^  wang-xiaoming-2016\$" err &&
	test_must_fail --exit=2 "$CARE" new pairing --child 张三 2>err &&
	grep "no child has the id or the name" err &&
	test ! -d records/pairings || test -z "$(ls records/pairings)"
'

test_expect_success 'care new activity: <date>-<kind> with dashes; the kind by code or label' '
	init_school && cd school &&
	"$CARE" new activity --kind family_call --date 2026-10-01 >out 2>/dev/null &&
	test "$(cat out)" = records/activities/2026-10-01-family-call.yaml &&
	"$CARE" new activity --kind 亲情电话 --date 2026-10-01 >out 2>/dev/null &&
	test "$(cat out)" = records/activities/2026-10-01-family-call-2.yaml &&
	"$CARE" new activity --kind parent_contact >out 2>/dev/null &&
	test "$(cat out)" = records/activities/2026-11-28-parent-contact.yaml &&
	grep "^kind: family_call  # 活动类别（必填）" records/activities/2026-10-01-family-call.yaml &&
	test_must_fail --exit=1 "$CARE" check records/activities/2026-10-01-family-call.yaml >check.out &&
	problems records/activities/2026-10-01-family-call.yaml >got &&
	printf "empty title\nempty participants\nempty staff\n" >want &&
	test_cmp want got
'

test_expect_success 'care new: a value the enum does not allow, in English and Chinese' '
	init_school && cd school &&
	test_must_fail --exit=2 "$CARE" new child --name 王小明 gender=boy 2>err &&
	grep "^care: gender cannot be .boy.; write one of: male (男), female (女)\$" err &&
	test_must_fail --exit=2 env LC_ALL=zh_CN.UTF-8 "$CARE" new child --name 王小明 gender=boy 2>err &&
	grep "^care：gender 不能是“boy”；请写其中之一：male（男）、female（女）\$" err &&
	test_must_fail --exit=2 "$CARE" new activity --kind party 2>err &&
	grep "kind cannot be .party.; write one of: family_call (亲情电话)" err &&
	test ! -d records/children || test -z "$(ls records/children)"
'

test_expect_success 'care new: unknown fields, groups and missing options are refused' '
	init_school && cd school &&
	test_must_fail --exit=2 "$CARE" new child --name 王小明 guardain.phone=13812345678 2>err &&
	grep "no field .guardain.phone." err &&
	test_must_fail --exit=2 "$CARE" new child --name 王小明 guardian=张秀英 2>err &&
	grep "is a group of fields" err &&
	test_must_fail --exit=2 "$CARE" new child 2>err && grep -- "needs --name" err &&
	test_must_fail --exit=2 "$CARE" new pupil 2>err &&
	test_must_fail --exit=2 "$CARE" new activity --kind letter --date 2026-02-30 2>err &&
	grep "is not a date" err &&
	test ! -d records/children || test -z "$(ls records/children)"
'

test_done
