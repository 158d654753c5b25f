#!/bin/sh
# What names, timelines and a teacher's Markdown can give away: a private
# activity's file name (it may name the child), ids that are phone or ID
# numbers, old versions of a record written in another shape, authors and
# commit subjects, an unclosed code fence, links that leave the site, and
# needs that say what the hidden health field would.
. "$(dirname "$0")/lib.sh"

C=records/children A=records/activities
WANG=$C/wang-xiaoming-2015.yaml LINA=$C/li-na-2016.yaml

# The demo school, its counselling of 李梦琪 renamed after her.
renamed_school() {
	cp -R "$TOP/records" "$TOP/templates" . &&
	mv $A/2025-10-22-counselling.yaml $A/2025-10-22-li-mengqi-2017-counselling.yaml
}

# The page names of private activities in site DIR, one per line, sorted.
private_pages() {
	(cd "$1" && ls) | sed -n "s/^\(activity-p_[0-9a-f]\{16\}\)\.html\$/\1/p"
}

# A git repository of the base records, committed.
base_repo() {
	git init -q repo && cd repo && make_base_repo && cp -R "$TOP/templates" . &&
	git add -A && git commit -q -m "建档" && test_tick
}

test_expect_success 'a private activity named after a child: no page, link or file says so' '
	renamed_school && "$CARE" render >out &&
	private_pages site >pages && test "$(wc -l <pages)" -ge 5 &&
	! (cd site && find . -print) | grep li-mengqi-2017-counselling &&
	! grep -r -l -a "li-mengqi-2017-counselling" site &&
	! grep -r -l "2025-10-22-counselling" site &&
	# The months page links to every private page; no child page links to any.
	while read -r p; do grep -qF "href=\"$p.html\"" site/activities.html || exit 1; done <pages &&
	! grep -l "activity-p_" site/child-*.html site/md/child-*.md &&
	test -f site/child-li-mengqi-2017.html &&
	# The key is beside the site, not in it, and only its owner reads it.
	test -f .site.care-key && test "$(stat -c %a .site.care-key)" = 600 &&
	! (cd site && find . -name "*key*") | grep .
'

test_expect_success 'private page names stay from render to render' '
	renamed_school && "$CARE" render >out && private_pages site >first &&
	sed -i "s/^title: .*/title: 改了标题/" $A/2025-10-22-li-mengqi-2017-counselling.yaml &&
	"$CARE" render >out && private_pages site >second && test_cmp first second &&
	rm -rf site .site.care-cache && "$CARE" render >out && private_pages site >third &&
	test_cmp first third &&
	# A new key renames them, and every link follows, in an incremental render too.
	rm .site.care-key && "$CARE" render >out && grep "^care: updated" out &&
	private_pages site >fourth && ! grep -x -F -f first fourth &&
	test "$(wc -l <fourth)" = "$(wc -l <first)" &&
	grep -o "activity-p_[0-9a-f]*\.html" site/*.html | sed "s/^[^:]*://" | sort -u >linked &&
	sed "s/\$/.html/" fourth | test_cmp - linked
'

test_expect_success 'another site has another key, and other page names' '
	renamed_school && "$CARE" render >out && "$CARE" render -o other >out &&
	private_pages site >a && private_pages other >b &&
	test "$(wc -l <a)" = "$(wc -l <b)" && ! grep -x -F -f a b &&
	! cmp -s .site.care-key .other.care-key &&
	# A key written by hand is read, not replaced.
	printf "care-key 1\n00112233445566778899aabbccddeeff\n" >.third.care-key &&
	"$CARE" render -o third >out && private_pages third >c &&
	grep -x "care-key 1" .third.care-key && grep -x 00112233445566778899aabbccddeeff .third.care-key &&
	! grep -x -F -f a c && cp .third.care-key .fourth.care-key &&
	"$CARE" render -o fourth >out && private_pages fourth >d && test_cmp c d
'

test_expect_success 'the full profile names private activities by their files' '
	renamed_school && "$CARE" render --profile full >out &&
	test -f site-full/activity-2025-10-22-li-mengqi-2017-counselling.html &&
	test -z "$(private_pages site-full)"
'

test_expect_success 'ids that are or hold a phone or ID number are refused' '
	make_base_repo &&
	for id in 13998765432 11010519491231002x li-13998765432 li-139-9876-5432; do
		cp $LINA $C/$id.yaml || exit 1
	done &&
	test_must_fail --exit=1 "$CARE" check >out 2>&1 &&
	for id in 13998765432 11010519491231002x li-13998765432 li-139-9876-5432; do
		grep "^$C/$id.yaml: error: .$id. holds a phone or ID number: .*\[bad-id\]\$" out ||
			{ echo "not refused: $id"; exit 1; }
	done &&
	test "$(grep -c "\[bad-id\]" out)" = 4 &&
	rm $C/1*.yaml $C/li-1*.yaml &&
	cp $LINA $C/li-na-2016-2.yaml && cp $LINA $C/zhang-san-20151231.yaml &&
	"$CARE" check >out 2>&1 && ! grep bad-id out
'

test_expect_success 'guardian once written as one string: no trace on the staff site or in history' '
	base_repo &&
	cp $WANG wang.yaml &&
	sed -i "/^guardian:/,/^head_teacher:/d" $WANG &&
	sed -i "s/^needs:/guardian: 奶奶李秀英，住青山镇石桥村三组 12 号，爸爸在东莞长安镇五金厂\nhead_teacher: 张伟\nneeds:/" $WANG &&
	grep "^guardian: 奶奶" $WANG &&
	git commit -q --no-verify -am "监护人写成一行" && test_tick &&
	cp wang.yaml $WANG && git commit -q -am "改回来" && test_tick &&
	"$CARE" render >out &&
	! grep -r "石桥村三组\|五金厂\|奶奶李秀" site &&
	grep "改回来" site/md/child-wang-xiaoming-2015.md &&
	"$CARE" history wang-xiaoming-2015 >hist &&
	! grep "石桥村三组\|五金厂\|奶奶李" hist &&
	grep "^    监护人: … → (none)\$" hist &&
	"$CARE" history --format json wang-xiaoming-2015 >hist.json &&
	! grep "石桥村三组\|五金厂\|奶奶李" hist.json &&
	"$CARE" history --full wang-xiaoming-2015 >full &&
	grep "^    监护人: 奶奶李秀英，住青山镇石桥村三组 12 号" full &&
	"$CARE" render --profile full -o fullsite >out &&
	grep -r "奶奶李秀英，住青山镇石桥村三组" fullsite/md/child-wang-xiaoming-2015.md
'

test_expect_success 'a list or a map of the wrong shape under a sensitive field is hidden too' '
	base_repo &&
	cp $WANG wang.yaml &&
	sed -i "/^parents:/,/^guardian:/{/^guardian:/!d}" $WANG &&
	sed -i "s/^guardian:/parents: {father: 王大力, works: 东莞长安镇五金厂}\nguardian:/" $WANG &&
	git commit -q --no-verify -am "父母写错了格式" && test_tick &&
	cp wang.yaml $WANG && git commit -q -am "改回来" && test_tick &&
	"$CARE" render >out && ! grep -r "五金厂" site &&
	"$CARE" history wang-xiaoming-2015 >hist && ! grep "五金厂" hist &&
	"$CARE" history --full wang-xiaoming-2015 >full && grep "五金厂" full
'

test_expect_success 'an author named by a phone number is hidden on the site and in history' '
	base_repo &&
	sed -i "s/^class: .*/class: 3/" $LINA &&
	GIT_AUTHOR_NAME=13812345678 git commit -q -am "升班" && test_tick &&
	"$CARE" render >out &&
	! grep -r "13812345678" site &&
	grep "升班" site/md/child-li-na-2016.md &&
	grep "（号码已隐藏）" site/md/child-li-na-2016.md &&
	"$CARE" history li-na-2016 >hist && ! grep 13812345678 hist &&
	grep "^2026-09-01  (number hidden)  升班" hist &&
	"$CARE" history --all >all && ! grep 13812345678 all &&
	CARE_TODAY=2027-09-01 "$CARE" history --stale >stale && ! grep 13812345678 stale &&
	grep "by (number hidden)" stale &&
	"$CARE" history --format json li-na-2016 >json && ! grep 13812345678 json &&
	"$CARE" history --full li-na-2016 >full && grep "13812345678  升班" full
'

test_expect_success 'numbers in old text and in commit subjects are hidden by care history' '
	base_repo &&
	printf "notes: |\n  奶奶新电话 139 1111 2222，身份证 11010519491231002X\n" >>$LINA &&
	git commit -q --no-verify -am "奶奶换号 13911112222" && test_tick &&
	sed -i "s/^  奶奶新电话.*/  已核实。/" $LINA && git commit -q -am "删掉号码" && test_tick &&
	"$CARE" history li-na-2016 >hist &&
	! grep "13911112222\|139 1111 2222\|11010519491231002X" hist &&
	grep "奶奶换号 (number hidden)" hist &&
	grep "^    备注: 奶奶新电话 (number hidden)，身份证 (number hidden… → 已核实。\$" hist &&
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$CARE" history li-na-2016 >zh &&
	grep "奶奶换号 （号码已隐藏）" zh &&
	"$CARE" history --format json li-na-2016 >json &&
	! grep "13911112222\|139 1111 2222" json &&
	"$CARE" history --full li-na-2016 >full &&
	grep "奶奶换号 13911112222" full && grep "139 1111 2222" full
'

test_expect_success 'care history prints no control character raw' '
	base_repo &&
	sed -i "s/^class: .*/class: 4/" $LINA &&
	git commit -q -am "$(printf "升班\033[2J\033]0;x\007")" && test_tick &&
	"$CARE" history li-na-2016 >hist && "$CARE" history --full li-na-2016 >full &&
	"$CARE" history --format json li-na-2016 >json &&
	! grep -q "$(printf "\033")" hist full json && ! grep -q "$(printf "\007")" hist full json &&
	grep -F "升班\\u{001B}[2J" hist && grep -F "升班\\u{001B}[2J" full
'

test_expect_success 'an unclosed code fence in a note does not take the rest of the page' '
	make_base_repo && cp -R "$TOP/templates" . &&
	printf "  \`\`\`\n  代码没有收尾\n" >>$WANG &&
	"$CARE" render >out &&
	f=site/child-wang-xiaoming-2015.html m=site/md/child-wang-xiaoming-2015.md &&
	grep "<h2>结对帮扶</h2>" $f && grep "<h2>参加的活动</h2>" $f &&
	grep "<pre><code>代码没有收尾" $f &&
	test "$(grep -c "<pre>" $f)" = 1 &&
	# The .md page closes it too, where the note ends.
	sed -n "/^代码没有收尾\$/,/^<!-- \/care:field -->\$/p" $m >fence &&
	test_line_count fence 3 && sed -n 2p fence | grep -x "\`\`\`"
'

test_expect_success 'a note keeps only absolute http, https, mailto and tel links' '
	make_base_repo && cp -R "$TOP/templates" . &&
	cat >>$WANG <<-\EOF &&
	  [甲](//evil.example/x) [乙](javascript:alert(1)) [丙](child-li-na-2016.md)
	  [丁](https://example.org/ok) [戊](DATA:text/html,x) [己](mailto:a@b.example)
	  [庚](/etc/passwd) [辛](http:relative) [壬](tel:10086) ![癸](//evil.example/p.png)
	EOF
	"$CARE" render >out && f=site/child-wang-xiaoming-2015.html &&
	grep -F "<a href=\"https://example.org/ok\">丁</a>" $f &&
	grep -F "<a href=\"mailto:a@b.example\">己</a>" $f &&
	grep -F "<a href=\"tel:10086\">壬</a>" $f &&
	! grep -i "evil.example\|javascript:\|data:\|passwd\|http:relative" $f &&
	! grep -F "<a href=\"child-li-na-2016.html\">丙</a>" $f &&
	grep "甲 乙 丙" $f && grep "庚 辛" $f
'

test_expect_success 'the roster and child pages show needs but health and psychological under staff' '
	base_repo &&
	sed -i "s/^needs: .*/needs: [poverty, health, psychological]/" $WANG &&
	! grep "^needs:" $LINA && echo "needs: [psychological]" >>$LINA &&
	git commit -q -am "需求" && test_tick &&
	sed -i "s/^needs: .*/needs: [poverty, health, psychological, learning]/" $WANG &&
	git commit -q -am "加一项学困" && test_tick &&
	"$CARE" render >out &&
	grep "| 贫困、学困 |" site/md/roster.md && grep "| 贫困、学困 |" site/md/class-2021-2.md &&
	! grep -r "健康\|心理" site/md/roster.md site/md/class-*.md site/roster.html site/class-*.html &&
	grep "| 帮扶需求 | 贫困、学困 |" site/md/child-wang-xiaoming-2015.md &&
	grep "| 帮扶需求 | 无 |" site/md/child-li-na-2016.md &&
	# The timeline shows the change it may show, and no other.
	grep "帮扶需求：贫困、学困 → 贫困\$" site/md/child-wang-xiaoming-2015.md &&
	grep "帮扶需求：贫困 → 贫困、学困\$" site/md/child-wang-xiaoming-2015.md &&
	! grep "帮扶需求.*\(健康\|心理\)" site/md/child-*.md &&
	! grep "帮扶需求" site/md/child-li-na-2016.md | grep -v "^| 帮扶需求 | 无 |\$" &&
	"$CARE" render --profile full -o full >out &&
	grep "| 贫困、健康、心理、学困 |" full/md/roster.md &&
	grep "帮扶需求：贫困、健康、心理 → 贫困、健康、心理、学困" full/md/child-wang-xiaoming-2015.md
'

test_done
