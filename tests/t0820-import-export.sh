#!/bin/sh
# care import and care export: spreadsheets saved by Excel or WPS (UTF-8
# with or without a byte order mark, GBK) made records, checked as care
# check checks them, all or nothing; and records made spreadsheets that
# import gives back unchanged.
. "$(dirname "$0")/lib.sh"

# An empty repository: the base fixture's programme and the real schemas.
empty_repo() {
	mkdir -p records/schema &&
	cp "$FIXTURES/base/records/programme.yaml" records/ &&
	cp "$TOP"/records/schema/*.yaml records/schema/
}

# The demo's records with the demo's programme (its interest groups).
demo_repo() {
	mkdir -p demo && cp -R "$TOP/records" demo/
}

no_records() {
	! ls records/children/*.yaml >/dev/null 2>&1
}

HEAD='姓名,性别,出生日期,班级,外出情况,留守起始年份,父亲姓名,父亲电话,监护人,监护人关系,监护人电话,班主任,备注'

test_expect_success 'export --full, import into an empty repository: the same child files' '
	demo_repo &&
	"$CARE" -C demo export children --full -o "$PWD/kids.csv" &&
	mkdir new && (cd new && empty_repo && cp "$TOP/records/programme.yaml" records/ &&
		"$CARE" import children ../kids.csv >out) &&
	diff -r demo/records/children new/records/children
'

test_expect_success 'pairings and activities come back too; care check passes' '
	demo_repo &&
	mkdir new && (cd new && empty_repo && cp "$TOP/records/programme.yaml" records/) &&
	for k in children pairings activities; do
		"$CARE" -C demo export $k --full -o "$PWD/$k.csv" &&
		(cd new && "$CARE" import $k ../$k.csv >out) || return 1
	done &&
	diff -r demo/records/pairings new/records/pairings &&
	"$CARE" -C new export activities --full -o "$PWD/again.csv" &&
	cmp activities.csv again.csv &&
	(cd new && "$CARE" check >check.out)
'

test_expect_success 'export: a byte order mark, CRLF, Chinese headings; no phone without --full' '
	demo_repo &&
	"$CARE" -C demo export children -o "$PWD/staff.csv" &&
	head -c 3 staff.csv | od -An -tx1 | grep -q "ef bb bf" &&
	head -n 1 staff.csv | grep -q "姓名,性别,出生日期" &&
	test "$(grep -c "$(printf "\r")\$" staff.csv)" -ge 46 &&
	head -n 1 staff.csv >heads &&
	! grep -q "电话\|务工地\|住址\|健康" heads &&
	! grep -q "1[3-9][0-9]\{9\}" staff.csv &&
	"$CARE" -C demo export children --full -o "$PWD/full.csv" &&
	grep -q "父亲电话" full.csv && grep -q "13175303311" full.csv
'

test_expect_success 'export --encoding gb18030 is GBK text that imports back' '
	demo_repo &&
	"$CARE" -C demo export children --full --encoding gb18030 -o "$PWD/gbk.csv" &&
	iconv -f gb18030 -t utf-8 gbk.csv >/dev/null &&
	! head -c 3 gbk.csv | od -An -tx1 | grep -q "ef bb bf" &&
	mkdir new && (cd new && empty_repo && cp "$TOP/records/programme.yaml" records/ &&
		"$CARE" import children ../gbk.csv >out) &&
	diff -r demo/records/children new/records/children
'

# A sheet as a school would save it: quoted commas and line ends, the
# four date forms, a class as 三年级2班.
cat >"$SCRATCH_ROOT/roster.csv" <<EOF
$HEAD
王小明,男,2015/3/14,三年级2班,父母均外出,2019,王大力,13812345678,李秀英,奶奶,13998765432,张伟,"喜欢画画，性格内向。
说话小声, 爱笑"
李娜,女,2016年5月1日,二年级1班,父亲外出,2020,李强,13812345670,王芳,外婆,13998765430,张伟,"他说""好"""
赵小虎,男,2015.9.1,三年级(1)班,父母均外出,2019,赵大山,13812345671,钱秀,爷爷,13998765431,张伟,
孙悦,女,2016-02-29,二年级1班,父亲外出,2021,孙强,13812345672,周梅,外公,13998765432,张伟,
EOF

test_expect_success 'a UTF-8 sheet: quoted commas and line ends, four date forms, 三年级2班 is cohort 2024' '
	empty_repo &&
	cp "$SCRATCH_ROOT/roster.csv" 名单.csv &&
	"$CARE" import children 名单.csv >out &&
	grep -q "created 4 record" out &&
	f=records/children/wang-xiaoming-2015.yaml &&
	grep -q "^birth_date: 2015-03-14\$" $f &&
	grep -q "^cohort: 2024\$" $f && grep -q "^class: 2\$" $f &&
	grep -q "^status: enrolled\$" $f &&
	grep -q "^    phone: \"13812345678\"\$" $f &&
	grep -q "^  说话小声, 爱笑\$" $f &&
	grep -q "^birth_date: 2016-05-01\$" records/children/li-na-2016.yaml &&
	grep -q "^cohort: 2025\$" records/children/li-na-2016.yaml &&
	grep -q "他说\"好\"" records/children/li-na-2016.yaml &&
	grep -q "^birth_date: 2015-09-01\$" records/children/zhao-xiaohu-2015.yaml &&
	grep -q "^class: 1\$" records/children/zhao-xiaohu-2015.yaml &&
	grep -q "^birth_date: 2016-02-29\$" records/children/sun-yue-2016.yaml &&
	"$CARE" check >check.out
'

test_expect_success 'a UTF-8 sheet with a byte order mark, and a GBK one, read the same' '
	empty_repo &&
	{ printf "\357\273\277"; cat "$SCRATCH_ROOT/roster.csv"; } >bom.csv &&
	"$CARE" import children bom.csv --dry-run >bom.out &&
	iconv -f utf-8 -t gbk "$SCRATCH_ROOT/roster.csv" >gbk.csv &&
	! iconv -f utf-8 -t utf-8 gbk.csv >/dev/null 2>&1 &&
	"$CARE" import children gbk.csv --dry-run >gbk.out &&
	test_cmp bom.out gbk.out &&
	grep -q "wang-xiaoming-2015.yaml  王小明 (row 2)" gbk.out &&
	"$CARE" import children gbk.csv --encoding gb18030 >out &&
	grep -q "^name: 王小明\$" records/children/wang-xiaoming-2015.yaml
'

test_expect_success '--encoding utf-8 on a GBK sheet is an error that says where' '
	empty_repo &&
	iconv -f utf-8 -t gbk "$SCRATCH_ROOT/roster.csv" >gbk.csv &&
	test_must_fail --exit=2 "$CARE" import children gbk.csv --encoding utf-8 2>err &&
	grep -q "not UTF-8 at line 1" err && no_records
'

test_expect_success '年级 and 班级 in two columns' '
	empty_repo &&
	cat >two.csv <<-EOF &&
	姓名,性别,出生日期,年级,班级,外出情况,留守起始年份,母亲姓名,监护人,监护人关系,班主任
	刘洋,男,2019-04-02,一年级,3班,母亲外出,2024,陈红,刘德,爷爷,王静
	EOF
	"$CARE" import children two.csv >out &&
	grep -q "^cohort: 2026\$" records/children/liu-yang-2019.yaml &&
	grep -q "^class: 3\$" records/children/liu-yang-2019.yaml
'

test_expect_success '--dry-run shows the plan and writes nothing' '
	empty_repo &&
	"$CARE" import children "$SCRATCH_ROOT/roster.csv" --dry-run >out &&
	grep -q "would create 4 record" out &&
	grep -q "records/children/li-na-2016.yaml" out &&
	no_records
'

test_expect_success 'a bad phone is reported at its row and column; nothing is created' '
	empty_repo &&
	sed "4s/13812345670/1381234/" "$SCRATCH_ROOT/roster.csv" >bad.csv &&
	test_must_fail --exit=1 "$CARE" import children bad.csv 2>err &&
	grep -q "^bad.csv:3:8: error: .*1381234.* \[pattern\]\$" err &&
	grep -q "nothing was imported" err &&
	no_records
'

test_expect_success 'the same child twice in a sheet is an error' '
	empty_repo &&
	{ cat "$SCRATCH_ROOT/roster.csv"; sed -n 4p "$SCRATCH_ROOT/roster.csv"; } >dup.csv &&
	test_must_fail --exit=1 "$CARE" import children dup.csv 2>err &&
	grep -q "^dup.csv:6:1: error: the same child as row 3 (李娜, born 2016-05-01)" err &&
	no_records
'

test_expect_success 'Chinese messages under a Chinese locale' '
	empty_repo &&
	sed "2s/,男,/,男孩,/" "$SCRATCH_ROOT/roster.csv" >bad.csv &&
	test_must_fail env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$CARE" import children bad.csv 2>err &&
	grep -q "^bad.csv:2:2: error: 性别不能填“男孩”" err
'

test_expect_success 'a child already there is skipped; an id taken gets -2' '
	empty_repo &&
	"$CARE" import children "$SCRATCH_ROOT/roster.csv" >first &&
	{ sed -n 1p "$SCRATCH_ROOT/roster.csv"; sed -n 4p "$SCRATCH_ROOT/roster.csv"
	  echo "李娜,女,2016-07-08,二年级1班,父亲外出,2020,李刚,13812345673,李秀,奶奶,13998765433,张伟,"; } >again.csv &&
	"$CARE" import children again.csv >out 2>err &&
	grep -q "^again.csv:2:1: warning: 李娜 (born 2016-05-01) is already in the repository as li-na-2016; row skipped" err &&
	grep -q "created 1 record" out &&
	grep -q "^birth_date: 2016-07-08\$" records/children/li-na-2016-2.yaml &&
	grep -q "^birth_date: 2016-05-01\$" records/children/li-na-2016.yaml
'

test_expect_success 'an unknown column: a sample map is written, then --map works' '
	empty_repo &&
	cat >名单.csv <<-EOF &&
	学生姓名,性别,出生日期,班级,外出情况,留守起始年份,父亲姓名,监护人,监护人关系,班主任,学号
	王小明,M,14/3/2015,三年级2班,父母均外出,2019,王大力,李秀英,奶奶,张伟,007
	EOF
	test_must_fail --exit=1 "$CARE" import children 名单.csv 2>err &&
	grep -q "a mapping file was written to 名单.map.yaml" err &&
	grep -q "^  \"学生姓名\": _ " 名单.map.yaml &&
	grep -q "^  \"性别\": \"性别\"\$" 名单.map.yaml &&
	no_records &&
	echo "# mine" >>名单.map.yaml && cp 名单.map.yaml kept &&
	test_must_fail "$CARE" import children 名单.csv 2>err &&
	grep -q "already there (not replaced)" err && test_cmp kept 名单.map.yaml &&
	cat >名单.map.yaml <<-EOF &&
	columns:
	  学生姓名: 姓名
	  学号: _
	values:
	  性别: {M: 男, F: 女}
	dates: [D/M/YYYY]
	EOF
	"$CARE" import children 名单.csv --map 名单.map.yaml >out &&
	grep -q "^gender: male\$" records/children/wang-xiaoming-2015.yaml &&
	grep -q "^birth_date: 2015-03-14\$" records/children/wang-xiaoming-2015.yaml
'

test_expect_success 'a mapping file that misses a column says so' '
	empty_repo &&
	printf "学生姓名,性别\n王小明,男\n" >s.csv &&
	printf "columns:\n  性别: 性别\n" >s.map.yaml &&
	test_must_fail --exit=1 "$CARE" import children s.csv --map s.map.yaml 2>err &&
	grep -q "^s.csv:1:1: error: the column .学生姓名. is not in s.map.yaml" err
'

test_expect_success 'a failed write leaves no file, whole or half' '
	empty_repo &&
	long=$(printf "%0600d" 0 | sed "s/0/长/g") &&
	{ cat "$SCRATCH_ROOT/roster.csv"; printf "钱多多,女,2016-06-06,二年级1班,父亲外出,2020,钱强,13812345674,吴英,奶奶,13998765434,张伟,%s\n" "$long"; } >big.csv &&
	test_must_fail --exit=2 sh -c "ulimit -f 2; exec \"$CARE\" import children big.csv" 2>err &&
	grep -q "nothing was imported" err &&
	no_records &&
	test "$(ls -A records | sort | tr "\n" " ")" = "children programme.yaml schema " &&
	"$CARE" import children big.csv >out && test -f records/children/qian-duoduo-2016.yaml
'

test_expect_success 'pairings and activities name children by name or id' '
	empty_repo &&
	"$CARE" import children "$SCRATCH_ROOT/roster.csv" >out &&
	cat >p.csv <<-EOF &&
	儿童,帮扶人,帮扶人身份,帮扶人电话,帮扶重点,开始日期,帮扶时间安排,帮扶内容,阶段目标
	王小明,李芳,任课教师,13700001111,学习、心理,2025/9/1,每周二下午,数学辅导,期末及格
	EOF
	"$CARE" import pairings p.csv >out &&
	grep -q "^child: wang-xiaoming-2015\$" records/pairings/2025-wang-xiaoming-2015.yaml &&
	grep -q "^focus: \[study, psychological\]\$" records/pairings/2025-wang-xiaoming-2015.yaml &&
	cat >a.csv <<-EOF &&
	标题,类别,联系对象,日期,参加儿童,工作人员,地点,内容
	十月集体生日会,生日会,,2025-10-01,"王小明、li-na-2016",李芳，张伟,留守之家,"吃蛋糕, 唱歌"
	EOF
	"$CARE" import activities a.csv >out &&
	f=records/activities/2025-10-01-birthday.yaml &&
	grep -q "^participants: \[wang-xiaoming-2015, li-na-2016\]\$" $f &&
	grep -q "^staff: \[李芳, 张伟\]\$" $f &&
	printf "儿童,帮扶人,帮扶人身份,帮扶重点,开始日期,帮扶时间安排,帮扶内容,阶段目标\n无名,李芳,任课教师,学习,2025-09-01,每周,辅导,及格\n" >q.csv &&
	test_must_fail --exit=1 "$CARE" import pairings q.csv 2>err &&
	grep -q "^q.csv:2:1: error: there is no child .无名." err &&
	"$CARE" check >check.out
'

test_expect_success 'a 40-row roster imports and care check passes' '
	empty_repo &&
	echo "$HEAD" >forty.csv &&
	i=0 && for s in 王 李 张 刘 陈 杨 黄 赵; do
		for g in 一 明 华 芳 军; do
			i=$((i + 1)) &&
			printf "%s小%s,%s,2016-%02d-%02d,二年级%d班,父母均外出,2020,%s大,138%08d,%s奶奶,奶奶,139%08d,张伟,\n" \
				$s $g $([ $((i % 2)) = 0 ] && echo 男 || echo 女) $((i % 12 + 1)) $((i % 28 + 1)) $((i % 3 + 1)) \
				$s $i $s $i >>forty.csv || return 1
		done
	done &&
	test_line_count forty.csv 41 &&
	"$CARE" import children forty.csv >out &&
	grep -q "created 40 record" out &&
	test "$(ls records/children | wc -l)" -eq 40 &&
	"$CARE" check >check.out
'

test_expect_success 'usage: a kind and a file' '
	empty_repo &&
	test_must_fail --exit=2 "$CARE" import children 2>err &&
	test_must_fail --exit=2 "$CARE" import teachers x.csv 2>err &&
	test_must_fail --exit=2 "$CARE" export 2>err &&
	test_must_fail --exit=2 "$CARE" import children missing.csv 2>err &&
	grep -q "cannot read .missing.csv." err
'

test_done
