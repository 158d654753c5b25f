#!/bin/sh
# Phone and ID numbers in free text, however they are spelt: each spelling
# of issue 3 is written into every free-text field of a child, a pairing,
# an activity and programme.yaml, in every YAML style (plain, quoted, |
# and > blocks), some fields twice; `care check` must report each copy as
# pii-in-text at its own file:line:col, and nothing else as pii-in-text.
. "$(dirname "$0")/lib.sh"

cat >"$SCRATCH_ROOT/write.py" <<-\PY
import sys

# name: (spelling as YAML writes it, characters before the number starts,
# kind, whether it needs double quotes: YAML escapes). A spelling in double
# quotes has its backslashes doubled, so it reads the same.
#
# A value holding an invisible character (soft hyphen, zero-width joiner,
# word joiner, "\u200b", "\0") is a hidden-char error of its own, and the
# number in it is still reported (schema/validate.c), though its column
# may be the value's: for those, each copy's line must have pii-in-text or
# hidden-char, and t-detect.c shows that the detector reads the number
# through the character.
HIDDEN = {"soft-hyphen", "zwj", "word-joiner", "escaped-zwsp", "escaped-nul"}
SPELLINGS = {
    "digits":       ("13998765432", 0, "phone", False),
    "spaces":       ("139 9876 5432", 0, "phone", False),
    "hyphen":       ("139\u20109876\u20105432", 0, "phone", False),
    "nb-hyphen":    ("139\u20119876\u20115432", 0, "phone", False),
    "figure-dash":  ("139\u20129876\u20125432", 0, "phone", False),
    "en-dash":      ("139\u20139876\u20135432", 0, "phone", False),
    "em-dash":      ("139\u20149876\u20145432", 0, "phone", False),
    "bar":          ("139\u20159876\u20155432", 0, "phone", False),
    "minus":        ("139\u22129876\u22125432", 0, "phone", False),
    "small-hyphen": ("139\ufe639876\ufe635432", 0, "phone", False),
    "wide-hyphen":  ("139\uff0d9876\uff0d5432", 0, "phone", False),
    "nbsp":         ("139\u00a09876\u00a05432", 0, "phone", False),
    "wide-space":   ("139\u30009876\u30005432", 0, "phone", False),
    "reference":    ("13998765&#52;32", 0, "phone", False),
    "strong":       ("139**9876**5432", 0, "phone", False),
    "backticks":    ("`139`9876`5432`", 1, "phone", False),
    "soft-hyphen":  ("139\u00ad9876\u00ad5432", 0, "phone", False),
    "zwj":          ("139\u200d9876\u200d5432", 0, "phone", False),
    "word-joiner":  ("139\u20609876\u20605432", 0, "phone", False),
    "escaped-zwsp": ("139\\u200b9876\\u200b5432", 0, "phone", True),
    "escaped-nul":  ("1399876\\05432", 0, "phone", True),
    "wide-digits":  ("139\uff19\uff18\uff17\uff165432", 0, "phone", False),
    "all-wide":     ("".join(chr(0xff10 + int(c)) for c in "13998765432"), 0, "phone", False),
    "plus86":       ("+86 139 9876 5432", 0, "phone", False),
    "brackets":     ("(0745)8055086", 0, "phone", False),
    "wide-brackets": ("\uff080745\uff098055086", 0, "phone", False),
    "landline-4-4": ("010-8888 6666", 0, "phone", False),
    "landline":     ("0851-87654321", 0, "phone", False),
    "id":           ("11010519491231002X", 0, "id", False),
    "id-groups":    ("110105 19491231 002X", 0, "id", False),
    "id-wide":      ("".join(chr(0xff10 + int(c)) for c in "11010519491231002") + "\uff38", 0, "id", False),
    "id-15":        ("110105491231002", 0, "id", False),
}

name = sys.argv[1]
S, LEAD, KIND, DQ_ONLY = SPELLINGS[name]
expected = []


class File:
    def __init__(self, path):
        self.path, self.lines = path, []

    def line(self, text, *marks, again=False):
        """Adds a line; each mark is a column (in characters, from 1)
        where a number starts; again: the value's first is on a line
        above."""
        self.lines.append(text)
        for col in marks:
            expected.append(("%s:%d:%d %s" % (self.path, len(self.lines), col, KIND), again))

    def field(self, indent, key, before, style, after=""):
        """key: "before S after" in a style; dq-only spellings are always
        double-quoted. Returns nothing: the marks are recorded."""
        if DQ_ONLY and style != "dq":
            style = "dq"
        head = " " * indent + key + ": "
        if style == "plain":
            self.line(head + before + S + after, len(head + before) + 1 + LEAD)
        elif style == "single":
            self.line(head + "'" + before + S + after + "'", len(head + before) + 2 + LEAD)
        elif style == "dq":
            self.line(head + '"' + before + S + after + '"', len(head + before) + 2 + LEAD)
        else:
            raise ValueError(style)

    def write(self):
        with open(self.path, "w", encoding="utf-8") as f:
            f.write("\n".join(self.lines) + "\n")


child = File("records/children/wang-xiaoming-2015.yaml")
for l in ["name: 王小明", "gender: male", "birth_date: 2015-03-14", "cohort: 2021", "class: 2",
          "status: enrolled", "left_behind:", "  away: both", "  since: 2019", "parents:",
          "  - relation: father"]:
    child.line(l)
child.field(4, "name", "王大力 ", "single")
for l in ["    phone: \"13812345678\"", "    work_place: 广东省东莞市长安镇", "guardian:",
          "  name: 李秀英", "  relation: grandmother", "  phone: \"13998765432\"",
          "  address: 青山镇石桥村三组 12 号"]:
    child.line(l)
child.field(0, "head_teacher", "张伟 ", "plain")
if DQ_ONLY:
    # Both copies on one line, after escapes: each at its own column.
    head = 'notes: "喜欢画画。\\n奶奶电话 '
    second = head + S + '，\\u518d说一遍 '
    child.line(second + S + '。"', len(head) + 1 + LEAD, len(second) + 1 + LEAD)
else:
    child.line("notes: |")
    child.line("  喜欢画画，性格内向。")
    child.line("  奶奶电话 " + S + "，", len("  奶奶电话 ") + 1 + LEAD)
    child.line("  再说一遍：" + S + "。", len("  再说一遍：") + 1 + LEAD, again=True)
child.write()

pairing = File("records/pairings/2025-wang-xiaoming-2015.yaml")
for l in ["child: wang-xiaoming-2015", "mentor:", "  name: 李芳", "  role: teacher",
          "focus: [study, psychological]", "start: 2025-09-01", "plan:"]:
    pairing.line(l)
pairing.field(2, "schedule", "每周二下午，先打 ", "plain", " 约时间")
if DQ_ONLY:
    pairing.field(2, "content", "数学辅导 ", "dq")
else:
    pairing.line("  content: >")
    pairing.line("    数学辅导，")
    pairing.line("    每周谈心一次，电话 " + S, len("    每周谈心一次，电话 ") + 1 + LEAD)
pairing.field(2, "goals", "期末\\u53ca格 ", "dq")
pairing.line("reviews:")
pairing.line("  - date: 2025-11-01")
pairing.field(4, "note", "期中数学 72 分，家长 ", "plain")
pairing.line("  - date: 2026-01-15")
pairing.field(4, "note", "期末数学 78 分，家长 ", "single")
pairing.write()

activity = File("records/activities/2025-10-01-birthday.yaml")
activity.field(0, "title", "十月生日会 ", "dq")
for l in ["kind: birthday", "date: 2025-10-01", "participants: [wang-xiaoming-2015, li-na-2016]",
          "staff:", "  - 李芳"]:
    activity.line(l)
activity.line("  - 张伟 " + S if not DQ_ONLY else '  - "张伟 ' + S + '"', len("  - 张伟 ") + 1 + LEAD + DQ_ONLY)
activity.field(0, "location", "留守之家 ", "single")
if DQ_ONLY:
    activity.field(0, "summary", "为留守儿童举办生日会。蛋糕店 ", "dq")
else:
    activity.line("summary: |")
    activity.line("  为本月过生日的留守儿童举办集体生日会。")
    activity.line("")
    activity.line("  - 蛋糕店：" + S, len("  - 蛋糕店：") + 1 + LEAD)
activity.write()

programme = File("records/programme.yaml")
programme.field(0, "school", "青山镇中心小学 ", "plain")
for l in ["school_year_starts: 09-01", "stale_after_days: 180", "interest_groups:",
          "  calligraphy: 书法"]:
    programme.line(l)
programme.field(2, "painting", "绘画 ", "single")
for l in ["  handcraft: 手工", "  basketball: 篮球", "  keyboard: 电子琴", "contact_rules:",
          "  - {kind: family_call, every: week}", "private_activity_kinds: [counselling, talk]",
          "site:"]:
    programme.line(l)
programme.field(2, "title", "关爱档案 ", "dq")
programme.line("  profile: staff")
programme.write()

if name in HIDDEN:
    expected = set(e.rsplit(":", 1)[0] for e, again in expected)
else:
    expected = [e for e, again in expected]
with open("expected", "w") as f:
    f.write("\n".join(sorted(expected)) + "\n")
with open("mode", "w") as f:
    f.write("lines\n" if name in HIDDEN else "strict\n")
PY

# The pii-in-text diagnostics of `care check`, as "path:line:col kind";
# with "lines" in ./mode, the lines with pii-in-text or hidden-char.
pii_found() {
	{ "$CARE" check >out 2>&1; echo "exit $?" >>out; } &&
	grep -q "^exit 1$" out &&
	if [ "$(cat mode)" = strict ]; then
		sed -n 's/^\([^ ]*\): error: .* contains a \(phone\|national ID\) number .*\[pii-in-text\]$/\1 \2/p' out |
			sed 's/ national ID$/ id/' | sort >actual
	else
		sed -n 's/^\([^:]*:[0-9]*\):[0-9]*: error: .*\[\(pii-in-text\|hidden-char\)\]$/\1/p' out |
			sort -u >actual
	fi
}

for name in $(python3 -c "
import re
src = open('$SCRATCH_ROOT/write.py', encoding='utf-8').read()
print(' '.join(re.findall(r'^    \"([a-z0-9-]+)\":', src, re.M)))"); do
	test_expect_success "$name: each copy in every free-text field, at its own line and column" '
		make_base_repo &&
		python3 "$SCRATCH_ROOT/write.py" '"$name"' &&
		pii_found &&
		test_cmp expected actual
	'
done

test_expect_success 'ordinary numbers in free text are not identifiers' '
	make_base_repo &&
	f=records/pairings/2025-wang-xiaoming-2015.yaml &&
	cat >>$f <<-\EOF &&
	  - date: 2026-02-01
	    note: |
	      2025-10-01 至 2026-07-10 每周二 14:30-16:00，见 2025-10-22-birthday 和 wang-xiaoming-2015。
	      期中 72 分，期末 85 分；2019-2020 学年、2015 年；第 3 组 12 号；
	      成绩 72 85 91 88 67 100，编号 110105194912310021，卡号 6222 0212 3456 7890 123。
	EOF
	"$CARE" check >out 2>&1 &&
	! grep pii-in-text out
'

test_expect_success 'the same number twice in a line of a block, each reported' '
	make_base_repo &&
	f=records/children/li-na-2016.yaml &&
	printf "notes: |\n  爸爸 139 9876 5432，妈妈 139 9876 5432\n" >>$f &&
	test_must_fail "$CARE" check >out 2>&1 &&
	grep "^$f:22:6: .*\[pii-in-text\]" out &&
	grep "^$f:22:23: .*\[pii-in-text\]" out
'

# Timelines show commit subjects and old versions of a field, which no
# check saw: site/privacy.c cuts numbers out of them with the same detector.
test_expect_success 'numbers spelt any way are cut out of subjects, authors and old text on timelines' '
	git init -q repo && cd repo && make_base_repo && cp -R "$TOP/templates" . &&
	git add -A && git commit -q -m "建档" && test_tick &&
	f=records/children/li-na-2016.yaml &&
	for subject in "奶奶换号 159**7431**6208" "奶奶换号 1597431&#54;208" \
		"奶奶换号 １５９ ７４３１ ６２０８" "奶奶换号 159\342\200\2247431\342\200\2246208" \
		"奶奶换号 \`159\`7431\`6208\`" "奶奶换号 159\302\2557431\302\2556208"; do
		subject=$(printf "$subject") &&
		echo "# $subject" >>$f &&
		GIT_AUTHOR_NAME="老师${subject#奶奶换号}" \
			git commit -q --no-verify -am "$subject" && test_tick || return 1
	done &&
	printf "notes: |\n  奶奶电话 159‒7431‒6208\n" >>$f &&
	git commit -q --no-verify -am "记下" && test_tick &&
	sed -i "s/^  奶奶电话.*/  已核实。/" $f && git commit -q -am "删掉号码" && test_tick &&
	"$CARE" render >out &&
	grep "奶奶换号" site/md/child-li-na-2016.md >subjects &&
	test_line_count subjects 6 &&
	! grep -r "7431\|6208\|７４３１\|６２０８\|&#54;" site &&
	grep -r "（号码已隐藏）" site >/dev/null &&
	"$CARE" history li-na-2016 >hist &&
	test "$(grep -c "老师 .\{0,1\}(number hidden)" hist)" = 6 &&
	! grep "7431\|6208\|７４３１\|６２０８\|&#54;" hist
'

test_done
