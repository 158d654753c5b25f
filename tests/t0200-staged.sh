#!/bin/sh
# The pre-commit hook and `care check --staged`, driven by real git
# commands in real repositories: what is checked is what the commit will
# contain, whichever way the teacher commits.
. "$(dirname "$0")/lib.sh"

# The hook finds care on PATH (these repositories have no tools/care).
PATH=$(dirname "$CARE"):$PATH
export PATH
C=records/children P=records/pairings A=records/activities
WANG=$C/wang-xiaoming-2015.yaml LINA=$C/li-na-2016.yaml

# A records repository with care's hook installed and one good commit.
make_hooked_repo() {
	git init -q repo && cd repo &&
	make_base_repo && cp -R "$TOP/hooks" . &&
	"$CARE" hooks install >/dev/null &&
	git add -A && git commit -q -m "records" && test_tick
}

break_gender() {
	sed -i 's/^gender: \(fe\)\{0,1\}male$/gender: 男/' "$1"
}

test_expect_success 'a good change commits; nothing untouched is parsed' '
	make_hooked_repo &&
	sed -i "s/^class: .*/class: 3/" $WANG && git add $WANG &&
	"$CARE" check --staged >out &&
	grep "^2 files checked, no problems found" out &&
	git commit -q -m "class" && git log --oneline >log && test_line_count log 2
'

test_expect_success 'a bad record staged, then fixed only in the folder, is still refused' '
	make_hooked_repo &&
	break_gender $WANG && git add $WANG &&
	sed -i "s/^gender: 男$/gender: male/" $WANG &&
	test_must_fail git commit -q -m bad >out 2>&1 &&
	grep "wang-xiaoming-2015.yaml:2:9: error: .gender. is written with its code" out &&
	grep "nothing was committed" out &&
	git log --oneline >log && test_line_count log 1
'

test_expect_success 'a good record staged, then broken only in the folder, commits' '
	make_hooked_repo &&
	sed -i "s/^class: .*/class: 3/" $WANG && git add $WANG && break_gender $WANG &&
	git commit -q -m good &&
	git show HEAD:$WANG | grep "^gender: male"
'

test_expect_success 'git commit -a checks the changes it adds' '
	make_hooked_repo &&
	break_gender $WANG &&
	test_must_fail git commit -q -a -m bad >out 2>&1 &&
	grep "wang-xiaoming-2015.yaml:2:9: error" out &&
	sed -i "s/^gender: 男$/gender: male/" $WANG &&
	sed -i "s/^class: .*/class: 3/" $WANG &&
	git commit -q -a -m good
'

test_expect_success 'git commit PATH checks that path, not what else is staged' '
	make_hooked_repo &&
	break_gender $LINA && git add $LINA &&
	sed -i "s/^class: .*/class: 3/" $WANG &&
	git commit -q -m "only wang" -- $WANG &&
	git show --stat HEAD | grep wang-xiaoming &&
	git diff --cached --name-only >staged && grep li-na staged &&
	sed -i "s/^class: .*/class: 4/" $WANG &&
	test_must_fail git commit -q -m "only li na" -- $LINA >out 2>&1 &&
	grep "li-na-2016.yaml:2:9: error" out
'

test_expect_success 'deleting a child that records still name is refused, naming them' '
	make_hooked_repo &&
	git rm -q $LINA &&
	test_must_fail git commit -q -m delete >out 2>&1 &&
	grep "^$P/2025-li-na-2016.yaml:1:8: error: this commit deletes the child record .li-na-2016." out &&
	grep "^$A/2025-10-01-birthday.yaml:4:[0-9]*: error: this commit deletes the child record .li-na-2016." out &&
	git rm -q $P/2025-li-na-2016.yaml &&
	sed -i "s/, li-na-2016//; s/li-na-2016, //" $A/2025-10-01-birthday.yaml &&
	git add -A && git commit -q -m "li na left, with her records"
'

test_expect_success 'a reference spelt with a YAML escape does not hide from a deletion' '
	make_hooked_repo &&
	sed -i "s/^child: .*/child: \"li-na-\\\\x32016\"/" $P/2025-li-na-2016.yaml &&
	grep -F "child: \"li-na-\\x32016\"" $P/2025-li-na-2016.yaml &&
	sed -i "s/, li-na-2016//" $A/2025-10-01-birthday.yaml &&
	git add -A && git commit -q -m "escaped" && test_tick &&
	git rm -q $LINA &&
	test_must_fail git commit -q -m delete >out 2>&1 &&
	grep "^$P/2025-li-na-2016.yaml:1:8: error: this commit deletes the child record .li-na-2016." out
'

test_expect_success 'renaming a child file while pairings name the old id is refused' '
	make_hooked_repo &&
	git mv $LINA $C/li-na-2016b.yaml &&
	test_must_fail git commit -q -m rename >out 2>&1 &&
	grep "^$P/2025-li-na-2016.yaml:1:8: error: this commit deletes the child record .li-na-2016." out
'

test_expect_success 'a pairing passes when staged with its new child, not without' '
	make_hooked_repo &&
	sed "s/^name: .*/name: 张三/" $LINA >$C/zhang-san-2016.yaml &&
	sed "s/^child: .*/child: zhang-san-2016/" $P/2025-li-na-2016.yaml >$P/2025-zhang-san-2016.yaml &&
	git add $P/2025-zhang-san-2016.yaml &&
	test_must_fail git commit -q -m "pairing alone" >out 2>&1 &&
	grep "^$P/2025-zhang-san-2016.yaml:1:8: error: there is no child record .zhang-san-2016." out &&
	git add $C/zhang-san-2016.yaml && git commit -q -m "new child and pairing"
'

test_expect_success 'a symlink, a submodule, a stray file and a bad name are refused' '
	make_hooked_repo &&
	ln -s wang-xiaoming-2015.yaml $C/xiaoming.yaml &&
	echo note >"$C/新建文本文档.txt" &&
	cp $WANG $C/Wang-Xiaoming-2015.yaml &&
	git add -A &&
	git update-index --add --cacheinfo 160000,$(git rev-parse HEAD),$C/sub &&
	test_must_fail "$CARE" check --staged >out &&
	grep "^$C/xiaoming.yaml: error: this is a symbolic link" out &&
	grep "^$C/sub: error: a git submodule" out &&
	grep "^$C/新建文本文档.txt: error: not a record file" out &&
	grep "^$C/Wang-Xiaoming-2015.yaml: error: .Wang-Xiaoming-2015. is not a valid file name" out &&
	grep "^$C/Wang-Xiaoming-2015.yaml: error: this name differs from .$WANG. only in upper and lower case" out
'

test_expect_success 'an ID number or a phone number in free text is refused' '
	make_hooked_repo &&
	printf "notes: |\n  奶奶身份证 11010519491231002X，电话 13812345678\n" >>$LINA &&
	git add $LINA &&
	test_must_fail git commit -q -m notes >out 2>&1 &&
	grep "li-na-2016.yaml:[0-9]*:[0-9]*: error: .notes. contains a national ID number" out &&
	grep "li-na-2016.yaml:[0-9]*:[0-9]*: error: .notes. contains a phone number" out
'

test_expect_success 'conflict markers are refused' '
	make_hooked_repo &&
	sed -i "s/^class: .*/<<<<<<< HEAD\nclass: 3\n=======\nclass: 4\n>>>>>>> other/" $WANG &&
	git add $WANG &&
	test_must_fail git commit -q -m merged >out 2>&1 &&
	grep "wang-xiaoming-2015.yaml:5:1: error: git conflict marker" out
'

test_expect_success 'the first commit is checked (no HEAD yet)' '
	git init -q repo && cd repo && make_base_repo && cp -R "$TOP/hooks" . &&
	"$CARE" hooks install >/dev/null &&
	break_gender $WANG && git add -A &&
	test_must_fail git commit -q -m first >out 2>&1 &&
	grep "^6 files checked: 1 error" out &&
	sed -i "s/^gender: 男$/gender: male/" $WANG && git add -A && git commit -q -m first
'

test_expect_success 'a schema change checks every staged record against it' '
	make_hooked_repo &&
	sed -i "s/^    maxLength: 20$/    maxLength: 2/" records/schema/child.yaml &&
	git add records/schema &&
	test_must_fail "$CARE" check --staged >out &&
	grep "^6 files checked: 1 error" out &&
	grep "wang-xiaoming-2015.yaml:1:7: error: .name. is too long" out
'

test_expect_success 'git commit --amend checks the amended content' '
	make_hooked_repo &&
	sed -i "s/^class: .*/class: 3/" $WANG && git commit -q -a -m class &&
	break_gender $WANG && git add $WANG &&
	test_must_fail git commit -q --amend -m class >out 2>&1 &&
	grep "wang-xiaoming-2015.yaml:2:9: error" out
'

test_expect_success 'a merge commit is checked, and can be completed once fixed' '
	make_hooked_repo &&
	git checkout -q -b other && sed -i "s/^class: .*/class: 3/" $WANG && git commit -q -a -m other &&
	git checkout -q - && sed -i "s/^class: .*/class: 4/" $LINA && git commit -q -a -m main &&
	git merge -q --no-commit other &&
	break_gender $WANG && git add $WANG &&
	test_must_fail git commit -q -m merge >out 2>&1 &&
	grep "wang-xiaoming-2015.yaml:2:9: error" out &&
	sed -i "s/^gender: 男$/gender: male/" $WANG && git add $WANG &&
	git commit -q -m merge && git rev-parse HEAD^2
'

test_expect_success 'a clean git merge is checked too (pre-merge-commit)' '
	make_hooked_repo &&
	git checkout -q -b other &&
	printf "title: 谈心\nkind: talk\ndate: 2025-10-08\nparticipants: [li-na-2016]\nstaff: [李芳]\n" \
		>$A/2025-10-08-talk.yaml &&
	git add -A && git commit -q -m "谈心" && test_tick &&
	git checkout -q - &&
	git rm -q $LINA $P/2025-li-na-2016.yaml &&
	sed -i "s/, li-na-2016\]/]/" $A/2025-10-01-birthday.yaml && git add -A &&
	git commit -q -m "li-na left" && test_tick &&
	test_must_fail git merge -q -m merged other >out 2>&1 &&
	grep "2025-10-08-talk.yaml:.*li-na-2016" out &&
	grep "the merge was stopped" out &&
	test_must_fail git rev-parse -q --verify HEAD^2 &&
	git merge --abort && git log --oneline >log && test_line_count log 2
'

test_expect_success 'a linked worktree uses its own index' '
	make_hooked_repo &&
	git worktree add -q ../wt 2>/dev/null && cd ../wt &&
	break_gender $WANG && git add $WANG &&
	test_must_fail git commit -q -m bad >out 2>&1 &&
	grep "wang-xiaoming-2015.yaml:2:9: error" out &&
	git checkout -q HEAD -- $WANG && sed -i "s/^class: .*/class: 3/" $WANG &&
	git commit -q -a -m good
'

test_expect_success 'a split index gets the command that turns it off' '
	make_hooked_repo &&
	git update-index --split-index &&
	sed -i "s/^class: .*/class: 3/" $WANG && git add $WANG &&
	test_must_fail --exit=2 "$CARE" check --staged 2>err &&
	grep "git update-index --no-split-index" err &&
	grep "nothing was committed" err
'

test_expect_success 'hooks install keeps a pre-commit hook the teacher had' '
	git init -q repo && cd repo && make_base_repo && cp -R "$TOP/hooks" . &&
	printf "#!/bin/sh\necho own-hook-ran >&2\n" >.git/hooks/pre-commit &&
	chmod +x .git/hooks/pre-commit &&
	"$CARE" hooks install >out && grep "still runs" out &&
	git add -A && git commit -q -m first 2>err && grep own-hook-ran err &&
	test -x .git/hooks/pre-commit &&
	"$CARE" hooks uninstall >/dev/null &&
	test_must_fail git config core.hooksPath
'

test_expect_success 'hooks install refuses to switch other hooks off' '
	git init -q repo && cd repo && make_base_repo && cp -R "$TOP/hooks" . &&
	printf "#!/bin/sh\nexit 0\n" >.git/hooks/commit-msg && chmod +x .git/hooks/commit-msg &&
	test_must_fail "$CARE" hooks install 2>err &&
	grep "other hooks (commit-msg)" err &&
	test_must_fail git config core.hooksPath
'

test_expect_success 'hooks uninstall restores an earlier core.hooksPath' '
	git init -q repo && cd repo && make_base_repo && cp -R "$TOP/hooks" . &&
	mkdir my-hooks && git config core.hooksPath my-hooks &&
	"$CARE" hooks install >/dev/null && test "$(git config core.hooksPath)" = hooks &&
	"$CARE" hooks uninstall >/dev/null && test "$(git config core.hooksPath)" = my-hooks
'

test_expect_success 'the message is in Chinese for a Chinese locale' '
	make_hooked_repo &&
	break_gender $WANG && git add $WANG &&
	test_must_fail env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 git commit -q -m bad >out 2>&1 &&
	grep "没有提交任何内容" out
'

test_done
