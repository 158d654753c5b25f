#!/bin/sh
# Privacy of the staff site, checked against the schemas' own marks: the
# values to look for come from tests/tools/sensitive-values (every value
# under an `x-sensitive` field of records/schema/*.yaml, or under a key the
# schema does not know), not from a hand-written pattern, so a new
# sensitive field or a whole sensitive object such as `health` is checked
# as soon as the schema marks it. Every file care render writes is searched:
# the pages (.html, md/*.md, style sheets and scripts), their names, and the
# render manifest and the site's key kept beside the site folder.
. "$(dirname "$0")/lib.sh"

CARE_TEST_TOOLS=${CARE_TEST_TOOLS:-$TOP/.build/obj/test-tools}
SENSITIVE_VALUES=$CARE_TEST_TOOLS/sensitive-values
if [ ! -x "$SENSITIVE_VALUES" ]; then
	echo "Bail out! $SENSITIVE_VALUES is missing: run 'make units' first"
	exit 1
fi

# The demo school, its templates, and a few children (one paired with a
# mentor) whose sensitive values are found nowhere else: a chronic illness
# with a two-line note holding '&', a landline, a work place and an address
# holding Markdown and HTML characters, a work place written in Latin
# letters.
school() {
	cp -R "$TOP/records" "$TOP/templates" . &&
	cat >records/children/bai-xiaoyun-2017.yaml <<-\EOF &&
	name: 白晓云
	gender: female
	birth_date: 2017-05-06
	cohort: 2023
	class: 2
	status: enrolled
	left_behind:
	  away: both
	  since: 2020
	needs: [health]
	parents:
	  - relation: father
	    name: 白建军
	    phone: "13512340987"
	    work_place: "浙江省湖州市织里镇童装厂*三车间*"
	  - relation: mother
	    name: 孔雪梅
	    phone: "0571-86902213"
	    work_place: 新疆阿克苏地区棉花采摘点
	guardian:
	  name: 白守田
	  relation: grandfather
	  birth_year: 1950
	  phone: "15388801234"
	  address: "青山镇云雾村七组 <后山> 33 号"
	head_teacher: 李芳
	health:
	  condition: chronic
	  notes: |
	    1 型糖尿病，午饭前到校医室注射胰岛素。
	    低血糖时先给糖块 & 马上请校医过来。
	notes: |
	  喜欢唱歌，爷爷腿脚不便。
	EOF
	cat >records/children/qu-lingling-2016.yaml <<-\EOF &&
	name: 瞿玲玲
	gender: female
	birth_date: 2016-11-30
	cohort: 2022
	class: 1
	status: enrolled
	left_behind:
	  away: mother
	  since: 2019
	parents:
	  - relation: mother
	    name: 瞿春兰
	    phone: "17789012345"
	    work_place: Foxconn 龙华园区 C09 栋
	guardian:
	  name: 瞿德顺
	  relation: maternal_grandfather
	  phone: "0736-3316820"
	  address: 青山镇雾溪村老屋场 8 号
	head_teacher: 张伟
	health:
	  condition: attention
	  notes: 对青霉素过敏，用药前须告知校医
	EOF
	cat >records/pairings/2026-qu-lingling-2016.yaml <<-\EOF
	child: qu-lingling-2016
	mentor:
	  name: 覃晓燕
	  role: proxy_parent
	  phone: "17612345098"
	focus: [life]
	start: 2026-09-01
	plan:
	  schedule: 每周三放学后
	  content: 陪伴写作业，聊聊学校的事。
	  goals: 按时完成作业。
	EOF
}

# The list from the schemas in records/schema: values, one per line.
values_of() {
	"$SENSITIVE_VALUES" records >values.raw 2>values.skipped &&
	sort -u values.raw >values &&
	test -s values && ! grep -qx "" values
}

# care render [ARGS] into DIR/site, so that DIR holds all it wrote beside
# the site; its output goes to DIR.log.
render_into() {
	dir=$1 && shift &&
	mkdir "$dir" && "$CARE" render -o "$dir/site" "$@" >"$dir.log"
}

# leaks DIR VALUES: searches every file name under DIR and every file's
# contents (hidden files, such as the manifest, too) for the values, and
# prints "where:value" for each hit. Fails only when it cannot search.
leaks() {
	(cd "$1" && find . -print) >names &&
	{ grep -o -F -f "$2" names | sed 's/^/file name:/'; test $? -le 1; } &&
	{ grep -r -o -a -F -f "$2" "$1"; test $? -le 1; }
}

# Takes x-sensitive off guardian.phone in records/schema/child.yaml: its
# $ref to $defs/phone, which carries the mark, becomes the same type and
# pattern without it (the pattern stays, or the check would take phones
# written there for phones in free text).
unmark_guardian_phone() {
	sed -i '/^  guardian:$/,/^  head_teacher:$/ s|^\(  *\)\$ref: "#/\$defs/phone"$|\1type: string\n\1pattern: "^(1[3-9][0-9]{9}\|0[0-9]{2,3}-?[0-9]{7,8})$"|' \
		records/schema/child.yaml
}

# A school's edit of templates/child.md: the guardian's phone printed on
# every child's page, outside the full-profile contact card.
print_guardian_phone() {
	sed -i 's/^{{\/site\.full}}$/&\n\n监护人电话 {{guardian.phone}}/' templates/child.md
}

# The contact card, which only the full profile shows, shown under staff.
show_contact_card() {
	sed -i 's/^{{#site\.full}}$/{{^site.full}}/' templates/child.md
}

test_expect_success 'sensitive-values lists every sensitive field, and only those' '
	school &&
	"$SENSITIVE_VALUES" --fields records >fields 2>skipped &&
	values_of &&
	cut -f1 fields | sort | uniq -c &&
	for f in child.health.notes child.health.condition child.guardian.address \
		child.guardian.phone "child.parents[].work_place" "child.parents[].phone" \
		pairing.mentor.phone; do
		grep -qF "$f	" fields || { echo "nothing from $f"; exit 1; }
	done &&
	cut -f1 fields | sort -u >listed &&
	printf "%s\n" child.guardian.address child.guardian.phone child.health.condition \
		child.health.notes "child.parents[].phone" "child.parents[].work_place" \
		pairing.mentor.phone >expect &&
	test_cmp expect listed &&
	for v in 慢性病 需关注 13512340987 86902213 17789012345 15388801234 3316820 17612345098 \
		浙江省湖州市织里镇童装厂 三车间 新疆阿克苏地区棉花采摘点 "Foxconn 龙华园区 C09 栋" \
		青山镇云雾村七组 "青山镇雾溪村老屋场 8 号" \
		"1 型糖尿病，午饭前到校医室注射胰岛素。" 低血糖时先给糖块 马上请校医过来。 \
		对青霉素过敏，用药前须告知校医; do
		grep -qxF -- "$v" values || { echo "not listed: $v"; exit 1; }
	done &&
	for v in good attention chronic 良好 0571 0736 后山 "33 号" 白晓云 白守田 覃晓燕 李芳 \
		喜欢唱歌，爷爷腿脚不便。 每周三放学后 maternal_grandfather 外公 2017-05-06; do
		! grep -qxF -- "$v" values || { echo "listed: $v"; exit 1; }
	done &&
	grep -E "child.health.condition: not listed: .good. is an enum code whose label .良好." skipped &&
	grep -E "bai-xiaoyun-2017.yaml:[0-9]+:[0-9]+: child.parents\[\].phone: not listed: .0571. " skipped &&
	grep -E "bai-xiaoyun-2017.yaml:[0-9]+:[0-9]+: child.guardian.address: not listed: .后山. " skipped
'

test_expect_success 'sensitive-values: unknown keys count as sensitive; a broken schema stops it' '
	school &&
	cat >>records/children/qu-lingling-2016.yaml <<-\EOF &&
	secret_plan: 下学期转到外省借读
	guardian_backup:
	  phones: ["13600001111"]
	EOF
	"$SENSITIVE_VALUES" --fields records >fields 2>err &&
	grep -xF "child.secret_plan	下学期转到外省借读" fields &&
	grep -xF "child.guardian_backup.phones[]	13600001111" fields &&
	sed -i "s/^type: object\$/type: objekt/" records/schema/pairing.yaml &&
	test_must_fail --exit=2 "$SENSITIVE_VALUES" records >out 2>err &&
	test ! -s out &&
	grep "schema/pairing.yaml:[0-9]*:[0-9]*: error:" err && grep "is broken" err &&
	test_must_fail --exit=2 "$SENSITIVE_VALUES" 2>err && grep "^usage:" err
'

test_expect_success 'staff: no sensitive value in any file written, nor in a file name' '
	school && values_of &&
	test "$(wc -l <values)" -gt 150 &&
	find . ! -name "*.list" -print | sort >before.list &&
	render_into out && grep "(profile: staff)" out.log &&
	find . -path ./out -prune -o ! -name "*.list" ! -name out.log -print | sort >after.list &&
	test_cmp before.list after.list &&
	ls -A out >beside && printf ".site.care-cache\n.site.care-key\n.site.care-lock\nsite\n" >expect && test_cmp expect beside &&
	test -s out/.site.care-cache && test -f out/site/index.html && test -f out/site/md/index.md &&
	test -f out/site/child-bai-xiaoyun-2017.html &&
	test -f out/site/md/child-qu-lingling-2016.md &&
	leaks out values >leaked &&
	test_line_count leaked 0 &&
	# A second render after an edit writes only what changed, and the
	# manifest again: neither the old address nor the new one is there.
	sed -i "s/^  address: 青山镇雾溪村老屋场 8 号\$/  address: 青山镇雾溪村新屋场 18 号/" \
		records/children/qu-lingling-2016.yaml &&
	cp values values.before && values_of &&
	grep -qxF "青山镇雾溪村新屋场 18 号" values &&
	sort -u values.before values >values.both &&
	"$CARE" render -o out/site >out.log && grep "(profile: staff)" out.log &&
	ls -A out >beside && test_cmp expect beside &&
	leaks out values.both >leaked &&
	test_line_count leaked 0
'

test_expect_success 'full: the same values are there (the list is real)' '
	school && values_of &&
	"$SENSITIVE_VALUES" --fields records 2>/dev/null | sort -u >fields &&
	render_into full --profile full && grep "(profile: full)" full.log &&
	leaks full values | sed "s/^[^:]*://" | sort -u >found &&
	comm -23 values found >missing &&
	echo "found $(wc -l <found) of $(wc -l <values); missing:" && cat missing &&
	for f in "child.parents[].phone" child.guardian.phone pairing.mentor.phone \
		child.guardian.address "child.parents[].work_place"; do
		grep -F "$f	" fields | cut -f2 | sort -u >want &&
		test -s want && comm -23 want found >lost &&
		test_line_count lost 0 || { echo "$f not on the full site"; exit 1; }
	done &&
	grep -F "child.health.notes	" fields | cut -f2 | sort -u | comm -12 - found >notes &&
	test "$(wc -l <notes)" -ge 1 &&
	grep -qxF 慢性病 found && grep -qxF 需关注 found &&
	grep -qxF 低血糖时先给糖块 found && grep -qxF 三车间 found &&
	test "$(wc -l <missing)" -le "$(($(wc -l <values) / 10))"
'

test_expect_success 'the detector finds a guardian phone the schema no longer marks' '
	school && values_of &&
	"$SENSITIVE_VALUES" --fields records 2>/dev/null | grep -F "child.guardian.phone	" |
		cut -f2 | sort -u >guardian-phones &&
	test "$(wc -l <guardian-phones)" -ge 3 &&
	cp records/schema/child.yaml child.orig &&
	unmark_guardian_phone && ! cmp -s child.orig records/schema/child.yaml &&
	"$SENSITIVE_VALUES" --fields records >fields-after 2>/dev/null &&
	! grep -F "child.guardian.phone	" fields-after &&
	grep -F "child.parents[].phone	" fields-after &&
	print_guardian_phone && grep -F "监护人电话 {{guardian.phone}}" templates/child.md &&
	render_into out && grep "(profile: staff)" out.log &&
	leaks out values >leaked &&
	sed "s/^[^:]*://" leaked | sort -u >leaked-values &&
	test_cmp guardian-phones leaked-values &&
	grep -x "out/site/child-bai-xiaoyun-2017.html:15388801234" leaked &&
	grep -x "out/site/md/child-qu-lingling-2016.md:3316820" leaked
'

test_expect_success 'a template cannot print a marked field under staff' '
	school && values_of &&
	print_guardian_phone && show_contact_card &&
	grep -F "监护人电话 {{guardian.phone}}" templates/child.md &&
	grep -Fx "{{^site.full}}" templates/child.md &&
	render_into out && grep "(profile: staff)" out.log &&
	grep -F "联系卡" out/site/child-bai-xiaoyun-2017.html &&
	grep -F "监护人电话" out/site/md/child-qu-lingling-2016.md &&
	leaks out values >leaked &&
	test_line_count leaked 0
'

test_done
