#!/bin/sh
# Options and usage errors, the same for every command because they all go
# through one parser: both spellings of a value, exit 2 with the mistake
# named (an unknown option, a bad choice, a missing value) before the
# usage, and all of it in Chinese under a Chinese locale.
. "$(dirname "$0")/lib.sh"

ZH="env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8"

# The base records committed to git, with the demo templates, so that every
# command can run to the end.
base_repo() {
	git init -q . && make_base_repo && cp -R "$TOP/templates" . &&
	git add -A && git commit -q -m "建档"
}

test_expect_success 'check: --format=json and --format json are the same' '
	base_repo &&
	"$CARE" check --format=json >eq &&
	"$CARE" check --format json >space &&
	test_cmp eq space && grep "^\[" eq &&
	"$CARE" check --format text >text && grep "no problems found" text &&
	"$CARE" check --cached --format=json >cached && test_cmp eq cached
'

test_expect_success 'history: --format=json and --format json are the same' '
	base_repo &&
	"$CARE" history --format=json li-na-2016 >eq &&
	"$CARE" history --format json li-na-2016 >space &&
	test_cmp eq space && grep "^\[{\"path\":\"records/children/li-na-2016.yaml\"" eq &&
	"$CARE" history li-na-2016 --format text >text && grep "^records/children/li-na-2016.yaml" text
'

test_expect_success 'render: --profile=full and --profile full are the same' '
	base_repo &&
	"$CARE" render --profile=full -o eq >out 2>err && grep "(profile: full)" out &&
	"$CARE" render --profile full -oglued >out 2>err && grep "(profile: full)" out &&
	test -f eq/index.html && test -f glued/index.html
'

test_expect_success 'hooks: the action is a word of its own' '
	base_repo &&
	test_must_fail --exit=1 "$CARE" hooks status >out &&
	grep "not installed" out
'

# unknown_option CMD: exit 2, the option named, then the command's usage.
unknown_option() {
	test_must_fail --exit=2 "$CARE" "$1" --frobnicate >out 2>err &&
	test_line_count out 0 &&
	head -n 1 err >first &&
	echo "care $1: unknown option '--frobnicate'" >want &&
	test_cmp want first &&
	grep "^usage: care $1" err &&
	test_must_fail --exit=2 $ZH "$CARE" "$1" --frobnicate 2>err &&
	grep "^care $1：没有“--frobnicate”这个选项$" err &&
	grep "^用法：care $1" err
}

for cmd in check history render hooks; do
	test_expect_success "$cmd: an unknown option exits 2 naming it, in English and Chinese" "
		unknown_option $cmd
	"
done

test_expect_success 'a near miss says what was meant' '
	test_must_fail --exit=2 "$CARE" check --formt=json 2>err &&
	grep "^care check: unknown option .--formt.; did you mean .--format.?$" err &&
	test_must_fail --exit=2 "$CARE" render -keep-going 2>err &&
	grep "^care render: unknown option .-keep-going.; did you mean .--keep-going.?$" err
'

test_expect_success 'a bad choice exits 2 naming the allowed values' '
	test_must_fail --exit=2 "$CARE" check --format=xml 2>err &&
	grep "^care check: .--format. must be text or json, not .xml.$" err &&
	test_must_fail --exit=2 "$CARE" history --format xml li-na-2016 2>err &&
	grep "^care history: .--format. must be text or json, not .xml.$" err &&
	test_must_fail --exit=2 "$CARE" render --profile=ful 2>err &&
	grep "^care render: .--profile. must be staff or full, not .ful.$" err &&
	test_must_fail --exit=2 "$CARE" hooks instal 2>err &&
	grep "^care hooks: .instal. is not install, uninstall or status$" err
'

test_expect_success 'a bad choice in Chinese' '
	test_must_fail --exit=2 $ZH "$CARE" check --format=xml 2>err &&
	grep "^care check：“--format”只能是 text 或 json，不能是“xml”$" err &&
	test_must_fail --exit=2 $ZH "$CARE" history --format xml li-na-2016 2>err &&
	grep "^care history：“--format”只能是 text 或 json，不能是“xml”$" err &&
	test_must_fail --exit=2 $ZH "$CARE" render --profile ful 2>err &&
	grep "^care render：“--profile”只能是 staff 或 full，不能是“ful”$" err &&
	grep "^    --profile staff|full  staff 不显示敏感栏目" err &&
	test_must_fail --exit=2 $ZH "$CARE" hooks instal 2>err &&
	grep "^care hooks：“instal”不对，只能是 install、uninstall 或 status$" err
'

test_expect_success 'a missing value names what it should be' '
	test_must_fail --exit=2 "$CARE" check --format 2>err &&
	grep "^care check: .--format. needs a value: text or json$" err &&
	test_must_fail --exit=2 "$CARE" render -o 2>err &&
	grep "^care render: .-o. needs a value: DIR$" err &&
	test_must_fail --exit=2 $ZH "$CARE" history --all --as-of 2>err &&
	grep "^care history：“--as-of”后面要跟一个值：提交|日期$" err
'

test_expect_success 'options that exclude each other, and missing arguments' '
	test_must_fail --exit=2 "$CARE" check --staged --as-of HEAD 2>err &&
	grep "^care check: .--staged. cannot be used with .--as-of.$" err &&
	test_must_fail --exit=2 "$CARE" check --staged records 2>err &&
	grep "^care check: .--staged. cannot be used with a PATH$" err &&
	test_must_fail --exit=2 "$CARE" history --all --stale 2>err &&
	grep "^care history: .--all. cannot be used with .--stale.$" err &&
	test_must_fail --exit=2 "$CARE" history 2>err &&
	grep "^care history: give an ID or PATH" err &&
	test_must_fail --exit=2 "$CARE" render site 2>err &&
	grep "^care render: unexpected argument .site.$" err &&
	test_must_fail --exit=2 "$CARE" hooks 2>err &&
	grep "^care hooks: say what to do: install, uninstall or status$" err &&
	test_must_fail --exit=2 "$CARE" render -o a -o b 2>err &&
	grep "^care render: .-o. can be given only once$" err
'

test_expect_success '-- ends the options' '
	base_repo && cd records/children && cp li-na-2016.yaml ./-odd.yaml &&
	test_must_fail --exit=1 "$CARE" check -- -odd.yaml >out &&
	grep "^records/children/-odd.yaml:" out &&
	test_must_fail --exit=2 "$CARE" check -odd.yaml 2>err &&
	grep "^care check: unknown option .-odd.yaml.$" err
'

test_expect_success 'help goes to stdout and exits 0' '
	"$CARE" check --help >out 2>err && test_line_count err 0 &&
	grep "^usage: care check" out && grep "^    --staged, --cached  " out &&
	"$CARE" hooks -h >out && grep "^usage: care hooks install|uninstall|status$" out &&
	$ZH "$CARE" history -h >out && grep "^  或：care history --all" out &&
	"$CARE" --help >out && grep "^    -C DIR  " out && grep "^  render  " out &&
	"$CARE" help >out && grep "^commands:" out
'

test_expect_success 'care itself: -C DIR, --version, an unknown option' '
	base_repo && mkdir elsewhere && cd elsewhere &&
	"$CARE" -C .. check >out && grep "no problems found" out &&
	"$CARE" -C.. check >out && grep "no problems found" out &&
	"$CARE" --version >out && grep "^care [0-9]" out &&
	test_must_fail --exit=2 "$CARE" --verison 2>err &&
	grep "^care: unknown option .--verison.; did you mean .--version.?$" err &&
	grep "^usage: care \[-C DIR\] COMMAND" err && grep "^commands:" err &&
	test_must_fail --exit=2 "$CARE" -C 2>err &&
	grep "^care: .-C. needs a value: DIR$" err &&
	test_must_fail --exit=2 $ZH "$CARE" -x 2>err &&
	grep "^care：没有“-x”这个选项$" err && grep "^用法：care \[-C 文件夹\] 命令" err
'

test_done
