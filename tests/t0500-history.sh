#!/bin/sh
# care history against the real git CLI: each record's commits are the
# ones git lists for its path, changes are named by field, renames keep
# their history, and the cache in .git/care/ is never used wrongly.
. "$(dirname "$0")/lib.sh"

C=records/children P=records/pairings A=records/activities
WANG=$C/wang-xiaoming-2015.yaml LINA=$C/li-na-2016.yaml

# A repository with the base records committed, then a few edits.
history_repo() {
	git init -q repo && cd repo && make_base_repo &&
	git add -A && git commit -q -m "建档" && test_tick &&
	sed -i "s/^  phone: \"13998765432\"/  phone: \"13700001111\"/" $WANG &&
	GIT_AUTHOR_NAME=李芳 git commit -q -am "监护人换了电话" && test_tick &&
	sed -i "s/^class: .*/class: 3/" $LINA && git commit -q -am "李娜升班" && test_tick &&
	sed -i "s/^    phone: \"13812345678\"/    phone: \"13811112222\"/" $WANG &&
	git commit -q -am "爸爸换号" && test_tick
}

# The commits care lists for a record, oldest last, one per line.
care_commits() {
	"$CARE" history --format json "$1" |
	perl -MJSON::PP -0777 -ne 'for (@{decode_json($_)->[0]{events}}) { print "$_->{commit}\n" }'
}

test_expect_success 'each record lists the commits git lists for its path' '
	history_repo &&
	for f in $WANG $LINA $P/2025-wang-xiaoming-2015.yaml $A/2025-10-01-birthday.yaml; do
		git log --first-parent --format=%H -- "$f" >want &&
		care_commits "$f" >got && test_cmp want got || exit 1
	done
'

test_expect_success 'changes are fields with their titles; sensitive values are masked' '
	history_repo &&
	"$CARE" history wang-xiaoming-2015 >out &&
	grep "^    监护人 › 电话: 139… → 137…$" out &&
	grep "^    父母（第 1 项） › 电话: 138… → 138…$" out &&
	grep "李芳  监护人换了电话" out &&
	! grep 13700001111 out &&
	"$CARE" history --full wang-xiaoming-2015 >out &&
	grep "^    监护人 › 电话: 13998765432 → 13700001111$" out
'

test_expect_success 'a change in a nested list is named by item and field' '
	history_repo &&
	f=$P/2025-wang-xiaoming-2015.yaml &&
	printf "  - date: 2026-01-10\n    note: 期末考试进步明显\n" >>$f &&
	git commit -q -am "加一条阶段记录" &&
	"$CARE" history --format json $f >out &&
	perl -MJSON::PP -0777 -ne '\''
		my $e = JSON::PP->new->decode($_)->[0]{events}[0];
		my ($c) = grep { $_->{field} =~ /^reviews\.\d+\.date$/ } @{$e->{changes}};
		exit !($c && !defined $c->{old} && $c->{new} eq "2026-01-10" && $c->{label} =~ /^阶段性效果（第 \d+ 项） › 日期$/);
	'\'' out
'

test_expect_success 'creation and deletion are events; a deleted record keeps its history' '
	history_repo &&
	git rm -q $A/2025-10-01-birthday.yaml && git commit -q -m "删掉重复的活动" &&
	"$CARE" history $A/2025-10-01-birthday.yaml >out &&
	head -n 1 out | grep "(deleted)" &&
	sed -n 2p out | grep "删掉重复的活动" && sed -n 3p out | grep "^    deleted$" &&
	tail -n 1 out | grep "^    created$"
'

test_expect_success 'a renamed file with an edit keeps its history (also with diff.renames off)' '
	history_repo && git config diff.renames false &&
	git mv $LINA $C/li-na-2016b.yaml &&
	sed -i "s/^class: .*/class: 4/" $C/li-na-2016b.yaml &&
	git commit -q -am "改文件名" &&
	git log --follow --format=%H -- $C/li-na-2016b.yaml >want &&
	care_commits $C/li-na-2016b.yaml >got && test_cmp want got &&
	"$CARE" history li-na-2016b >out &&
	grep "renamed from $LINA" out && grep "班级号: 3 → 4" out
'

test_expect_success 'a merge counts as one change on the first-parent line' '
	history_repo &&
	git checkout -q -b side && sed -i "s/^class: .*/class: 5/" $WANG && git commit -q -am side &&
	git checkout -q - && sed -i "s/^class: .*/class: 6/" $LINA && git commit -q -am main &&
	git merge -q --no-ff -m "合并" side &&
	git log --first-parent --format=%H -- $WANG >want &&
	care_commits $WANG >got && test_cmp want got &&
	"$CARE" history wang-xiaoming-2015 | sed -n 2p | grep "合并"
'

test_expect_success 'the cache is brought up to date by new commits' '
	history_repo &&
	"$CARE" history --all >before && test -f .git/care/history &&
	sed -i "s/^class: .*/class: 5/" $WANG && git commit -q -am "又升班" &&
	"$CARE" history --all >cached && rm -rf .git/care && "$CARE" history --all >fresh &&
	test_cmp fresh cached && ! test_cmp before cached
'

test_expect_success 'a cache made stale by --amend or a rebase is rebuilt' '
	history_repo &&
	"$CARE" history --all >/dev/null &&
	sed -i "s/^class: .*/class: 6/" $WANG && git commit -q --amend -am "改过的提交" &&
	"$CARE" history --all >cached && rm -rf .git/care && "$CARE" history --all >fresh &&
	test_cmp fresh cached && grep -q "改过的提交" .git/care/history &&
	git rebase -q --exec true HEAD~2 --force-rebase &&
	"$CARE" history wang-xiaoming-2015 >cached && rm -rf .git/care &&
	"$CARE" history wang-xiaoming-2015 >fresh && test_cmp fresh cached
'

test_expect_success 'a damaged cache is not used' '
	history_repo &&
	"$CARE" history --all >fresh && printf "care-history 1\ntip 0000\n" >.git/care/history &&
	"$CARE" history --all >again && test_cmp fresh again &&
	head -c 200 .git/care/history >x && mv x .git/care/history &&
	"$CARE" history --all >again && test_cmp fresh again
'

test_expect_success 'a shallow clone says where history stops, and works' '
	history_repo && cd .. &&
	git clone -q --depth 2 "file://$PWD/repo" shallow && cd shallow &&
	"$CARE" history wang-xiaoming-2015 >out 2>err &&
	grep "shallow clone: history stops at commit" err &&
	grep "爸爸换号" out
'

test_expect_success 'no commits, no repository, an unknown record: clear messages' '
	git init -q empty && cd empty && make_base_repo &&
	test_must_fail --exit=2 "$CARE" history --all 2>err &&
	grep "no commits yet" err && cd .. &&
	mkdir plain && cd plain && make_base_repo &&
	test_must_fail --exit=2 "$CARE" history --all 2>err &&
	grep "not in a git repository" err && cd .. &&
	history_repo &&
	test_must_fail --exit=1 "$CARE" history zhang-san-2016 2>err &&
	grep "no such record was ever committed" err
'

test_expect_success '--as-of shows the history up to a commit' '
	history_repo &&
	"$CARE" history --as-of HEAD~2 wang-xiaoming-2015 >out &&
	grep "监护人换了电话" out && ! grep "爸爸换号" out &&
	"$CARE" history --as-of 2026-09-01 wang-xiaoming-2015 >out &&
	grep "爸爸换号" out &&
	test_must_fail --exit=2 "$CARE" history --as-of 2020-01-01 wang-xiaoming-2015 2>err &&
	grep "no commit was made on or before 2020-01-01" err
'

test_expect_success '--stale lists children untouched for stale_after_days' '
	history_repo &&
	CARE_TODAY=2027-06-01 "$CARE" history --stale >out &&
	grep "^$LINA  last changed 2026-09-01" out && grep "^$WANG" out &&
	"$CARE" history --stale >out && grep "changed within 180 days" out
'

test_expect_success 'check and render --as-of read the records of then, not the folder' '
	history_repo && cp -R "$TOP/templates" . &&
	sed -i "s/^gender: .*/gender: 男/" $WANG &&
	test_must_fail "$CARE" check >/dev/null &&
	"$CARE" check --as-of HEAD 2>err && grep "as of commit" err &&
	"$CARE" check --as-of 2026-09-01 2>err &&
	test_must_fail --exit=2 "$CARE" check --as-of 2020-01-01 2>err &&
	grep "no commit was made on or before 2020-01-01" err &&
	"$CARE" render --as-of HEAD~3 -o old >/dev/null 2>&1 &&
	grep "^| 班级号 | \[.*1班\]" old/md/child-li-na-2016.md &&
	"$CARE" render --as-of HEAD -o new >/dev/null 2>&1 &&
	grep "^| 班级号 | \[.*3班\]" new/md/child-li-na-2016.md
'

test_expect_success 'a child page shows its history, kept current by new commits' '
	history_repo && cp -R "$TOP/templates" . && "$CARE" render >/dev/null &&
	grep "建档 2026-09-01（张伟），最后修改 2026-09-01（张伟）" site/md/child-wang-xiaoming-2015.md &&
	grep "监护人换了电话" site/md/child-wang-xiaoming-2015.md &&
	! grep "监护人 › 电话" site/md/child-wang-xiaoming-2015.md &&
	! grep 13700001111 site/child-wang-xiaoming-2015.html &&
	sed -i "s/^head_teacher: .*/head_teacher: 周敏/" $WANG && git commit -q -am "换班主任" &&
	"$CARE" render >/dev/null && grep "换班主任" site/md/child-wang-xiaoming-2015.md &&
	rm -rf full && "$CARE" render -o full >/dev/null && diff -r -x .care-cache site full
'

test_expect_success 'under staff, the timeline keeps nothing sensitive, old or new' '
	history_repo && cp -R "$TOP/templates" . &&
	printf "notes: |\n  奶奶新电话 139 1111 2222\n" >>$LINA &&
	git commit -q --no-verify -am "奶奶换号 13911112222" &&
	sed -i "s/^notes: |$/notes: |/; s/^  奶奶新电话.*/  已核实。/" $LINA &&
	printf "heath:\n  notes: 癫痫\n" >>$LINA && git commit -q --no-verify -am "加错了键" &&
	sed -i "/^heath:/,\$d" $LINA && git commit -q --no-verify -am "改正" &&
	"$CARE" render >/dev/null 2>&1 || "$CARE" render --keep-going >/dev/null 2>&1;
	f=site/md/child-wang-xiaoming-2015.md g=site/md/child-li-na-2016.md &&
	grep "监护人换了电话" $f && ! grep "监护人 › 电话" $f && ! grep "139…\|137…" $f &&
	! grep -r "13911112222\|139 1111 2222\|癫痫" site &&
	grep "奶奶换号 （号码已隐藏）" $g &&
	"$CARE" render --profile full -o full >/dev/null 2>&1 &&
	grep "监护人 › 电话：13998765432 → 13700001111" full/md/child-wang-xiaoming-2015.md
'

test_expect_success 'a stale child day count stays current in re-renders' '
	history_repo && cp -R "$TOP/templates" . &&
	CARE_TODAY=2027-03-10 "$CARE" render >/dev/null &&
	CARE_TODAY=2027-03-11 "$CARE" render >/dev/null &&
	rm -rf full && CARE_TODAY=2027-03-11 "$CARE" render -o full >/dev/null &&
	diff -r -x .care-cache site full
'

test_expect_success 'a shallow clone deepened later gets its whole history' '
	history_repo && cd .. &&
	git clone -q --depth 2 "file://$PWD/repo" shallow && cd shallow &&
	"$CARE" history --all >/dev/null 2>err && grep "shallow clone" err &&
	git fetch -q --unshallow &&
	"$CARE" history wang-xiaoming-2015 >out 2>err && ! grep "shallow clone" err &&
	grep "建档" out
'

test_expect_success 'the roster flags children whose files are stale' '
	history_repo && cp -R "$TOP/templates" . &&
	CARE_TODAY=2027-06-01 "$CARE" render >/dev/null &&
	grep "李娜\](child-li-na-2016.md) （待核实）" site/md/roster.md &&
	grep "已经 [0-9]* 天没有更新" site/md/child-li-na-2016.md
'

test_expect_success 'a child is found by name or pinyin as well as by id' '
	cp -R "$TOP/records" . && git init -q && git add records && git commit -qm 建档 &&
	"$CARE" history cao-yuting-2019 >by-id &&
	"$CARE" history 曹雨婷 >by-name && test_cmp by-id by-name &&
	"$CARE" history caoyuting >by-pinyin && test_cmp by-id by-pinyin &&
	"$CARE" history cao-yuting >by-pinyin && test_cmp by-id by-pinyin &&
	cp records/children/cao-yuting-2019.yaml records/children/cao-yuting-2019-2.yaml &&
	git add records && git commit -qm copy &&
	test_must_fail "$CARE" history 曹雨婷 2>err &&
	grep "cao-yuting-2019-2" err && grep "2 children are named" err
'

test_done
