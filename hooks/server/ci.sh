#!/bin/sh
# care's gate for CI on the school's git server (GitLab, Gitea, Forgejo):
# checks every commit of a push or a merge request, each by its own
# records, and fails the job when any of them has an error.
#
#   hooks/server/ci.sh BASE HEAD
#
# BASE..HEAD are the commits to check: for a push, the commit the branch
# was at before and the one it is at now (GitLab: $CI_COMMIT_BEFORE_SHA
# $CI_COMMIT_SHA); for a merge request, its base and its last commit
# (GitLab: $CI_MERGE_REQUEST_DIFF_BASE_SHA $CI_COMMIT_SHA; Gitea and
# Forgejo Actions: ${{ github.event.pull_request.base.sha }} ${{ github.sha }}).
# A BASE that is empty or all zeros (a new branch) means: the commits HEAD
# has that the target branch does not ($CARE_CI_TARGET, default
# origin/HEAD, else origin/main). A CI clone has every branch as a ref, so
# "the commits no ref has", as the pre-receive hook checks, would be none.
#
# care is $CARE, else tools/care in the repository, else care on PATH.
# Exit: 0 every commit clean, 1 a commit has errors, 2 care could not check.
base=${1-} head=${2:-HEAD}
top=$(git rev-parse --show-toplevel) || exit 2
cd "$top" || exit 2
care=${CARE:-}
[ -n "$care" ] || { [ -x tools/care ] && care=$top/tools/care; } ||
	care=$(command -v care) || {
	echo "care: care is not installed here, so the commits cannot be checked" >&2
	echo "care：这里没有安装 care，无法检查这些提交" >&2
	exit 2
}
# A shallow clone lacks the parents the range is walked through.
if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
	git fetch -q --unshallow || exit 2
fi
case $base in
'' | *[!0]*) ;;
*) base= ;;
esac
if [ -z "$base" ]; then
	target=${CARE_CI_TARGET:-}
	[ -n "$target" ] || target=$(git rev-parse -q --verify --abbrev-ref origin/HEAD) || target=origin/main
	base=$(git merge-base "$target" "$head") || {
		echo "care: '$head' shares no history with '$target'; set CARE_CI_TARGET to the branch it is meant for" >&2
		exit 2
	}
fi
"$care" check --range "$base..$head"
status=$?
[ $status = 1 ] && cat <<'MSG'

care: the commits shown above have errors (every commit is checked by its
  own records, not only the last one: what is pushed stays in the history).
  Rewrite the branch before it is merged:
    1. fix the files named above, and commit the fix for the first bad commit:
         git commit -a --fixup=COMMIT
    2. fold the fix into that commit:
         git -c sequence.editor=: rebase -i --autosquash COMMIT~1
    3. check every commit: care check --range origin/main..HEAD
    4. push the branch again: git push --force-with-lease
  A new commit on top is not enough: the bad commit would stay in the history.
care：上面列出的提交有错误（每个提交都按它自己的档案检查，不只看最后一个：推送上去的内容会一直留在历史里）。
  请在合并之前改写这个分支：
    1. 改正上面指出的文件，把改正作为第一个出错提交的补丁提交：
         git commit -a --fixup=提交编号
    2. 把补丁并入那个提交：
         git -c sequence.editor=: rebase -i --autosquash 提交编号~1
    3. 检查每个提交：care check --range origin/main..HEAD
    4. 再推送这个分支：git push --force-with-lease
  只在最后加一个改正的提交是不够的：出错的提交仍然会留在历史里。
MSG
exit $status
