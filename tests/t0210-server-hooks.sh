#!/bin/sh
# The server-side gate: `care check --range` and the example hooks in
# hooks/server, driven by real pushes to real bare repositories. git runs
# no client hook for cherry-pick, revert or rebase, and --no-verify skips
# the ones it runs, so the server checks every commit a push brings.
. "$(dirname "$0")/lib.sh"

# The hooks find care on PATH.
PATH=$(dirname "$CARE"):$PATH
export PATH
C=records/children A=records/activities
GAO=$C/gao-shiyu-2017.yaml

# A bare repository (with the named server hook, if any) and, in work/, a
# clone of the demo school with care's client hooks, pushed to it as main.
make_server() {
	git init -q --bare server.git &&
	if [ -n "${1:-}" ]; then cp "$TOP/hooks/server/$1" server.git/hooks/; fi &&
	git init -q -b main work && cd work &&
	cp -R "$TOP/records" . && cp -R "$TOP/hooks" . &&
	"$CARE" hooks install >/dev/null &&
	git add -A && git commit -q -m "the demo school" && test_tick &&
	git remote add origin ../server.git &&
	git push -q origin main 2>/dev/null
}

# A phone number in a note: care refuses it as pii-in-text.
add_phone() {
	printf "notes: |\n  奶奶电话 13812345678\n" >>"$1"
}

set_class() {
	sed -i "s/^class: .*/class: $2/" "$1"
}

on_server() {
	git -C ../server.git rev-parse "$1"
}

test_expect_success 'a good commit is accepted' '
	make_server pre-receive &&
	set_class $GAO 3 && git commit -q -a -m "高诗雨 换班" &&
	git push origin main 2>err &&
	grep "1 commits checked, 0 with errors" err &&
	test "$(on_server main)" = "$(git rev-parse HEAD)"
'

test_expect_success 'a commit made with --no-verify is refused, naming the commit and the place' '
	make_server pre-receive &&
	line=$(($(wc -l <$GAO) + 2)) &&
	add_phone $GAO && git commit -q --no-verify -a -m "奶奶的电话" &&
	bad=$(git rev-parse --short=7 HEAD) &&
	test_must_fail git push origin main 2>err &&
	grep "^remote: commit $bad 奶奶的电话" err &&
	grep "^remote: $GAO:$line:[0-9]*: error: .notes. contains a phone number" err &&
	grep "^remote: 1 commits checked, 1 with errors" err &&
	grep "the push to refs/heads/main was refused" err &&
	grep "推送到 refs/heads/main 被拒绝" err &&
	test "$(on_server main)" = "$(git rev-parse HEAD~1)"
'

test_expect_success 'the way out the refusal gives works: a fixup folded into the bad commit' '
	make_server pre-receive &&
	add_phone $GAO && git commit -q --no-verify -a -m "奶奶的电话" && test_tick &&
	bad=$(git rev-parse HEAD) &&
	set_class $C/cao-yuting-2019.yaml 2 && git commit -q -a -m "曹雨婷 换班" && test_tick &&
	test_must_fail git push -q origin main 2>err &&
	sed -i "s/13812345678/在家/" $GAO &&
	git commit -q -a --fixup=$bad && test_tick &&
	git -c sequence.editor=: rebase -q -i --autosquash $bad~1 &&
	"$CARE" check --range origin/main..HEAD >out &&
	grep "^2 commits checked, 0 with errors" out &&
	git push origin main 2>err &&
	test "$(on_server main)" = "$(git rev-parse HEAD)"
'

test_expect_success 'a cherry-pick bringing an activity that names a deleted child is refused' '
	make_server pre-receive &&
	sed "s/^name: .*/name: 张三/" $GAO >$C/zhang-san-2017.yaml &&
	git add -A && git commit -q -m "张三 入学" && test_tick &&
	git checkout -q -b other &&
	printf "title: 谈心\nkind: talk\ndate: 2025-10-08\nparticipants: [zhang-san-2017]\nstaff: [李芳]\n" \
		>$A/2025-10-08-talk.yaml &&
	git add -A && git commit -q -m "谈心" && test_tick &&
	git checkout -q main && git rm -q $C/zhang-san-2017.yaml &&
	git commit -q -m "张三 转走" && test_tick &&
	git push -q origin main 2>/dev/null &&
	git cherry-pick other >/dev/null && test_tick &&
	picked=$(git rev-parse --short=7 HEAD) &&
	test_must_fail git push origin main 2>err &&
	grep "^remote: commit $picked 谈心" err &&
	grep "^remote: $A/2025-10-08-talk.yaml:4:[0-9]*: error: .*zhang-san-2017" err &&
	test "$(on_server main)" = "$(git rev-parse HEAD~1)"
'

test_expect_success 'a revert bringing back a phone number is refused' '
	make_server &&
	add_phone $GAO && git commit -q -a --no-verify -m "奶奶的电话" && test_tick &&
	sed -i "s/13812345678/在家/" $GAO && git commit -q -a -m "删掉电话" && test_tick &&
	git push -q origin main 2>/dev/null &&
	cp "$TOP/hooks/server/pre-receive" ../server.git/hooks/ &&
	git revert --no-edit HEAD >/dev/null && test_tick &&
	test_must_fail git push origin main 2>err &&
	grep "^remote: commit $(git rev-parse --short=7 HEAD) Revert" err &&
	grep "^remote: $GAO:[0-9]*:[0-9]*: error: .notes. contains a phone number" err &&
	grep "^remote: 1 commits checked, 1 with errors" err
'

test_expect_success 'a rebase with a bad commit in the middle is refused though its tip is good' '
	make_server pre-receive &&
	git checkout -q -b topic &&
	set_class $GAO 4 && git commit -q -a -m one && test_tick &&
	add_phone $GAO && git commit -q -a --no-verify -m two && test_tick &&
	sed -i "s/13812345678/在家/" $GAO && git commit -q -a -m three && test_tick &&
	git checkout -q main && set_class $C/cao-yuting-2019.yaml 2 &&
	git commit -q -a -m upstream && test_tick && git push -q origin main 2>/dev/null &&
	git checkout -q topic && git rebase -q main && test_tick &&
	"$CARE" check >/dev/null &&
	test_must_fail git push origin topic:main 2>err &&
	grep "^remote: commit $(git rev-parse --short=7 HEAD~1) two" err &&
	! grep "^remote: commit $(git rev-parse --short=7 HEAD) three" err &&
	grep "^remote: 3 commits checked, 1 with errors" err &&
	test_must_fail git push -f origin topic:main 2>err &&
	grep "^remote: 3 commits checked, 1 with errors" err
'

test_expect_success 'a new branch checks only the commits the server does not have' '
	make_server pre-receive &&
	git push origin main:copy 2>err &&
	grep "0 commits checked, 0 with errors" err &&
	git checkout -q -b topic && set_class $GAO 4 && git commit -q -a -m good && test_tick &&
	git push origin topic 2>err &&
	grep "that no branch or tag here has yet" err &&
	grep "1 commits checked, 0 with errors" err &&
	add_phone $GAO && git commit -q -a --no-verify -m bad && test_tick &&
	git checkout -q -b topic2 &&
	test_must_fail git push origin topic2 2>err &&
	grep "1 commits checked, 1 with errors" err &&
	test_must_fail git rev-parse -q --verify refs/remotes/origin/topic2
'

test_expect_success 'a branch can be deleted' '
	make_server pre-receive &&
	git push -q origin main:topic 2>/dev/null &&
	git push origin :topic 2>err &&
	test_must_fail git -C ../server.git rev-parse -q --verify refs/heads/topic
'

test_expect_success 'pushed objects are read from quarantine on every thread' '
	make_server pre-receive &&
	set_class $GAO 4 && git commit -q -a -m good && test_tick &&
	CARE_THREADS=4 git push origin main 2>err &&
	grep "1 commits checked, 0 with errors" err &&
	add_phone $GAO && git commit -q -a --no-verify -m bad && test_tick &&
	test_must_fail env CARE_THREADS=4 git push origin main 2>err &&
	grep "error: .notes. contains a phone number" err
'

test_expect_success 'the update hook refuses the bad ref of a push and takes the good one' '
	make_server update &&
	git checkout -q -b good && set_class $GAO 4 && git commit -q -a -m good && test_tick &&
	git checkout -q -b bad main && add_phone $GAO && git commit -q -a --no-verify -m bad && test_tick &&
	test_must_fail git push origin good bad 2>err &&
	grep "refs/heads/bad was refused" err &&
	grep "refs/heads/bad 被拒绝" err &&
	test "$(on_server good)" = "$(git rev-parse good)" &&
	test_must_fail git -C ../server.git rev-parse -q --verify refs/heads/bad &&
	git push origin :good 2>/dev/null
'

test_expect_success 'the refusal follows the server locale for care and is bilingual for the hook' '
	make_server pre-receive &&
	add_phone $GAO && git commit -q -a --no-verify -m bad && test_tick &&
	test_must_fail env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 git push origin main 2>err &&
	grep "1 个提交" err && grep "was refused" err && grep "被拒绝" err
'

# care check --range on a repository of its own.
make_repo() {
	git init -q -b main repo && cd repo &&
	cp -R "$TOP/records" . && git add -A && git commit -q -m "the demo school" && test_tick
}

test_expect_success 'check --range: exit codes, and a header only for commits with errors' '
	make_repo &&
	set_class $GAO 4 && git commit -q -a -m good && test_tick &&
	add_phone $GAO && git commit -q -a -m "$(printf "bad\033[31m")" && test_tick &&
	"$CARE" check --range HEAD~2..HEAD~1 >out &&
	! grep "^commit" out &&
	grep "^1 commits checked, 0 with errors" out &&
	test_must_fail --exit=1 "$CARE" check --range HEAD~2..HEAD >out &&
	grep "^commit $(git rev-parse --short=7 HEAD) bad\\\\u{001B}\[31m$" out &&
	grep "^$GAO:[0-9]*:[0-9]*: error: .notes. contains a phone number" out &&
	grep "^2 commits checked, 1 with errors" out &&
	test_must_fail --exit=1 "$CARE" check --range HEAD >out &&
	grep "^1 commits checked, 1 with errors" out &&
	"$CARE" check --range HEAD~1 >out &&
	test_must_fail --exit=2 "$CARE" check --range HEAD~1...HEAD 2>err &&
	grep "is not a range" err &&
	test_must_fail --exit=2 "$CARE" check --range nosuch..HEAD 2>err &&
	grep "nosuch. is not a commit here" err &&
	test_must_fail --exit=2 "$CARE" check --range HEAD --staged 2>err &&
	test_must_fail --exit=2 "$CARE" check --range HEAD $GAO 2>err &&
	test_must_fail --exit=2 "$CARE" check --verbose 2>err &&
	HEAD=$(git rev-parse HEAD) && "$CARE" check --range $HEAD..0000000000000000000000000000000000000000 >out &&
	grep "^0 commits checked" out
'

test_expect_success 'check --range checks each records/ tree once' '
	make_repo &&
	for n in 1 2 3; do echo $n >>README && git add README && git commit -q -m "readme $n" && test_tick; done &&
	"$CARE" check --range HEAD~3..HEAD >out &&
	grep "^3 commits checked, 0 with errors; records/ checked 1 time(s)$" out &&
	"$CARE" check --verbose --range HEAD~3..HEAD >out &&
	grep -c "^commit " out >n && echo 3 >want && test_cmp want n &&
	grep -c "^the same records as commit $(git rev-parse --short=7 HEAD~2) above, not checked again" out >n &&
	echo 2 >want && test_cmp want n &&
	add_phone $GAO && git commit -q -a -m bad && test_tick &&
	echo 4 >>README && git add README && git commit -q -m "readme 4" && test_tick &&
	test_must_fail "$CARE" check --range HEAD~5..HEAD >out &&
	grep "^5 commits checked, 2 with errors; records/ checked 2 time(s)$" out &&
	grep "^commit $(git rev-parse --short=7 HEAD) readme 4" out
'

test_expect_success 'check --range works in a bare repository and below the records top' '
	make_repo &&
	add_phone $GAO && git commit -q -a -m bad && test_tick &&
	cd records/children && test_must_fail "$CARE" check --range HEAD~1..HEAD >out &&
	grep "^1 commits checked, 1 with errors" out && cd ../.. &&
	git clone -q --bare . ../bare.git && cd ../bare.git &&
	test_must_fail "$CARE" check --range main~1..main >out &&
	grep "^$GAO:[0-9]*:[0-9]*: error: .notes. contains a phone number" out &&
	cd .. && test_must_fail env GIT_DIR=bare.git "$CARE" check --range main >out &&
	grep "^1 commits checked, 1 with errors" out
'

test_expect_success 'a commit without records is an error, not a pass' '
	git init -q -b main repo && cd repo &&
	echo hello >README && git add README && git commit -q -m start && test_tick &&
	test_must_fail --exit=1 "$CARE" check --range HEAD >out &&
	grep "^commit $(git rev-parse --short=7 HEAD) start" out
'

test_expect_success 'hooks/server/ci.sh checks the commits of a merge request' '
	make_repo &&
	base=$(git rev-parse HEAD) &&
	set_class $GAO 4 && git commit -q -a -m good && test_tick &&
	"$TOP/hooks/server/ci.sh" $base HEAD >out 2>&1 &&
	grep "^1 commits checked, 0 with errors" out &&
	add_phone $GAO && git commit -q -a -m bad && test_tick &&
	set_class $GAO 3 && git commit -q -a -m later && test_tick &&
	test_must_fail "$TOP/hooks/server/ci.sh" $base HEAD >out 2>&1 &&
	grep "^3 commits checked, 2 with errors" out &&
	grep "rebase -i --autosquash" out
'

test_done
