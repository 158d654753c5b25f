#!/bin/sh
# Control and format characters: however a value writes one (a YAML
# escape such as "\e" or "\u202e", or the raw character), it is an error of
# its own, reported once, at the character; and nothing care prints to a
# terminal, nor any page it writes, carries one raw.
. "$(dirname "$0")/lib.sh"

WANG=records/children/wang-xiaoming-2015.yaml LINA=records/children/li-na-2016.yaml

# set_field FILE KEY VALUE: the line "KEY: ..." becomes "KEY: VALUE", VALUE
# taken as it is (awk's ENVIRON does not read backslashes as escapes).
set_field() {
	KEY=$2 VALUE=$3 awk '
		index($0, ENVIRON["KEY"] ": ") == 1 && !done { print ENVIRON["KEY"] ": " ENVIRON["VALUE"]; done = 1; next }
		{ print }' "$1" >"$1.new" && mv "$1.new" "$1"
}

# clean [--pages] FILE...: no character a terminal obeys or a reader cannot
# see: nothing below U+0020 but a line feed (and, in pages, a tab), no DEL,
# no C1 control, bidi control, zero-width character, soft hyphen or BOM,
# and no byte that is not UTF-8.
clean() {
	python3 - "$@" <<-\PY
	import re, sys
	args = sys.argv[1:]
	pages = args[:1] == ["--pages"]
	files = args[1:] if pages else args
	tab = "" if pages else "\t"
	bad = re.compile("[\x00-\x08" + tab + "\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f"
	                 "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
	status = 0
	for f in files:
	    try:
	        text = open(f, "rb").read().decode("utf-8")
	    except UnicodeDecodeError as e:
	        print("%s: not UTF-8: %s" % (f, e))
	        status = 1
	        continue
	    for n, line in enumerate(text.split("\n"), 1):
	        m = bad.search(line)
	        if m:
	            print("%s:%d: U+%04X in %r" % (f, n, ord(m.group()), line))
	            status = 1
	sys.exit(status)
	PY
}

# check_both OUT: care check in English and in Chinese; both outputs clean.
check_both() {
	{ "$CARE" check >"$1" 2>&1; echo "exit $?" >>"$1"; } &&
	{ LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$CARE" check >"$1.zh" 2>&1; echo "exit $?" >>"$1.zh"; } &&
	grep "^exit 1$" "$1" && grep "^exit 1$" "$1.zh" &&
	clean "$1" "$1.zh"
}

# escape_case VALUE CODE ESCAPE COL: head_teacher written as VALUE is
# refused once, at column COL, the backslash of ESCAPE.
escape_case() {
	make_base_repo &&
	set_field $WANG head_teacher "$1" &&
	check_both out &&
	test_line_count out 3 &&
	esc=$(printf "%s" "$3" | sed "s/\\\\/\\\\\\\\/g") &&
	grep "^$WANG:26:$4: error: 'head_teacher' contains the invisible character $2 (.*), written as '$esc'; delete it \[hidden-char\]$" out &&
	grep "^$WANG:26:$4: error: “班主任”里有看不见的控制字符 $2（.*），在引号里写成了“$esc”；请把它删掉 \[hidden-char\]$" out.zh
}

test_expect_success 'an escaped NUL is refused' 'escape_case "\"a\\0b\"" U+0000 "\\0" 17'
test_expect_success 'an escaped ESC is refused' 'escape_case "\"\\e[31m\"" U+001B "\\e" 16'
test_expect_success 'an escaped right-to-left override is refused' 'escape_case "\"\\u202e\"" U+202E "\\u202e" 16'
test_expect_success 'an escaped zero-width space is refused' 'escape_case "\"\\u200b\"" U+200B "\\u200b" 16'
test_expect_success 'an escaped byte-order mark is refused' 'escape_case "\"\\ufeff\"" U+FEFF "\\ufeff" 16'
test_expect_success 'an escaped C1 control (NEL) is refused' 'escape_case "\"\\x85\"" U+0085 "\\x85" 16'
test_expect_success 'an escaped tab is refused outside a text block' '
	make_base_repo &&
	set_field $WANG head_teacher "\"张\\t伟\"" &&
	check_both out &&
	grep "^$WANG:26:17: error: .head_teacher. contains a tab; tabs are allowed only in a text block" out
'

test_expect_success 'a head_teacher of one escaped NUL is refused once, not passed as one character' '
	make_base_repo &&
	set_field $WANG head_teacher "\"\\0\"" &&
	check_both out &&
	test_line_count out 3 &&
	grep ":26:16: error: .* U+0000 (null character), written as .\\\\0.; delete it \[hidden-char\]$" out
'

test_expect_success 'a terminal title and a screen wipe in gender: one error, no escape printed' '
	make_base_repo &&
	set_field $WANG gender "\"\\e]0;PWNED\\a\\e[2J\"" &&
	check_both out &&
	test_line_count out 3 &&
	grep "^$WANG:2:10: error: .gender. contains the invisible character U+001B (escape, which sends commands to a terminal), written as .\\\\e.; delete it \[hidden-char\]$" out &&
	! grep "\[enum\]" out &&
	! grep PWNED out
'

# raw_case CHAR CODE: the raw character in a plain value and in a | block.
raw_case() {
	make_base_repo &&
	set_field $WANG name "王$1小明" &&
	sed "s/^  喜欢画画，性格内向。$/  喜欢$1画画，性格内向。/" $WANG >x && mv x $WANG &&
	check_both out &&
	test_line_count out 4 &&
	grep "^$WANG:1:8: error: .name. contains the invisible character $2 (.*); delete it (if you cannot see it, delete this part of the text and type it again) \[hidden-char\]$" out &&
	grep "^$WANG:32:5: error: .notes. contains the invisible character $2 " out
}

test_expect_success 'a raw right-to-left override is refused (U+202E)' "raw_case '$(printf '\342\200\256')' U+202E"
test_expect_success 'a raw soft hyphen is refused (U+00AD)' "raw_case '$(printf '\302\255')' U+00AD"
test_expect_success 'a raw zero-width joiner is refused (U+200D)' "raw_case '$(printf '\342\200\215')' U+200D"
test_expect_success 'a raw word joiner is refused (U+2060)' "raw_case '$(printf '\342\201\240')' U+2060"

test_expect_success 'a tab inside a | block is text; inside a plain value it is refused' '
	make_base_repo &&
	sed "s/^  喜欢画画，性格内向。$/  喜欢画画，\t性格内向。/" $WANG >x && mv x $WANG &&
	grep "$(printf "\t")性格" $WANG &&
	"$CARE" check >out &&
	set_field $WANG head_teacher "$(printf "张\t伟")" &&
	test_must_fail --exit=1 "$CARE" check >out &&
	test_line_count out 2 &&
	grep "^$WANG:26:16: error: .head_teacher. contains a tab; tabs are allowed only in a text block written after .|. or .>., so replace it with a space \[hidden-char\]$" out
'

test_expect_success 'a key with a hidden character: one error, the field still known' '
	make_base_repo &&
	sed "s/^cohort:/coh$(printf "\342\200\214")ort:/" $WANG >x && mv x $WANG &&
	check_both out &&
	test_line_count out 3 &&
	grep "^$WANG:4:4: error: the field name .coh\\\\u{200C}ort. contains the invisible character U+200C (zero-width non-joiner); delete it, or delete the name and type it again \[hidden-char\]$" out
'

test_expect_success 'values nothing else checks are checked too: unknown fields, programme.yaml' '
	make_base_repo &&
	printf "hobby: \"\\\\e[5m\"\n" >>$WANG &&
	set_field records/programme.yaml school "\"青山\\u2066镇\"" &&
	check_both out &&
	grep "^$WANG:33:1: error: unknown field .hobby." out &&
	grep "^$WANG:33:9: error: .hobby. contains the invisible character U+001B" out &&
	grep "^records/programme.yaml:2:12: error: .school. contains the invisible character U+2066 (text direction mark)" out
'

test_expect_success 'raw controls the text scan reports are not reported again' '
	make_base_repo &&
	set_field $WANG head_teacher "$(printf "张\033[31m伟")" &&
	check_both out &&
	test_line_count out 3 &&
	grep "^$WANG:26:16: error: invisible character U+001B here; .* \[control-char\]$" out
'

test_expect_success 'JSON escapes C1 and bidi characters too' '
	make_base_repo &&
	sed "s/^cohort:/coh$(printf "\342\200\256")ort:/" $WANG >x && mv x $WANG &&
	set_field $LINA head_teacher "$(printf "王\302\205静")" &&
	test_must_fail --exit=1 "$CARE" check --format json >out.json &&
	clean out.json &&
	grep -F "coh\\u202eort" out.json &&
	grep -F "\"rule\":\"control-char\"" out.json
'

test_expect_success 'a terminal gets the source line with hidden characters shown, the caret under them' '
	command -v script >/dev/null || { echo "# script(1) missing"; exit 0; } &&
	make_base_repo &&
	set_field $WANG name "王$(printf "\342\200\256")小明" &&
	set_field $LINA head_teacher "$(printf "王\033]0;PWNED\007静")" &&
	script -qec "\"$CARE\" check" /dev/null >raw;
	tr -d "\r" <raw >out &&
	clean out &&
	grep -Fx "  name: 王\\u{202E}小明" out &&
	grep -Fx "$(printf "%10s^" "")" out &&
	grep -Fx "  head_teacher: 王\\u{001B}]0;PWNED\\u{0007}静" out &&
	grep -Fx "$(printf "%18s^" "")" out
'

test_expect_success 'paths care prints are shown, not obeyed' '
	make_base_repo &&
	test_must_fail --exit=2 "$CARE" check "$(printf "no\033[2Jsuch.yaml")" 2>err &&
	clean err &&
	grep -F "care: cannot open '\''no\\u{001B}[2Jsuch.yaml'\'':" err
'

test_expect_success 'render --keep-going leaves the record out: no page carries a hidden character' '
	make_base_repo && cp -R "$TOP/templates" . &&
	set_field $WANG gender "\"\\e]0;PWNED\\a\\e[2J\"" &&
	set_field $WANG head_teacher "\"\\0\"" &&
	set_field $WANG name "王$(printf "\342\200\256")小明" &&
	set_field records/activities/2025-10-01-birthday.yaml location "$(printf "留\302\255守")" &&
	test_must_fail --exit=1 "$CARE" render >out 2>&1 &&
	test ! -e site &&
	"$CARE" render --keep-going -o "$(printf "out\033[2J")" >out 2>&1 &&
	clean out &&
	grep -F "to $PWD/out\\u{001B}[2J; open" out &&
	site=$(printf "out\033[2J") &&
	test -f "$site/index.html" &&
	test ! -e "$site/child-wang-xiaoming-2015.html" &&
	test -f "$site/child-li-na-2016.html" &&
	! grep -rl "PWNED" "$site" &&
	find "$site" -type f \( -name "*.md" -o -name "*.html" \) >pages &&
	test -s pages &&
	clean --pages $(cat pages)
'

test_expect_success 'a hidden character in programme.yaml never reaches a page' '
	make_base_repo && cp -R "$TOP/templates" . &&
	set_field records/programme.yaml school "\"青山\\e[31m镇\"" &&
	{ "$CARE" render --keep-going >out 2>&1; true; } &&
	clean out &&
	if [ -d site ]; then clean --pages $(find site -type f -name "*.md" -o -type f -name "*.html"); fi
'

test_expect_success 'hooks install names other hooks without obeying their names' '
	git init -q repo && cd repo && make_base_repo && cp -R "$TOP/hooks" . &&
	hook=.git/hooks/$(printf "commit-msg\033[8m") &&
	printf "#!/bin/sh\nexit 0\n" >"$hook" && chmod +x "$hook" &&
	test_must_fail "$CARE" hooks install 2>err &&
	clean err &&
	grep -F "other hooks (commit-msg\\u{001B}[8m)" err
'

test_expect_success 'control characters in commit subjects and authors reach no page and no terminal' '
	git init -q repo && cd repo && make_base_repo && cp -R "$TOP/templates" . &&
	git add -A && git commit -q --no-verify -m init &&
	printf "\n# a comment\n" >>records/children/li-na-2016.yaml && git add -A &&
	GIT_AUTHOR_NAME="$(printf "A\342\200\256B")" \
		git commit -q --no-verify -m "$(printf "fix \033[31m red")" &&
	"$CARE" render >out 2>&1 &&
	"$CARE" render --profile full -o full >>out 2>&1 &&
	clean --pages $(find site full -type f \( -name "*.md" -o -name "*.html" \)) &&
	grep -q "fix .\{0,2\}\[31m red" site/child-li-na-2016.html &&
	"$CARE" history li-na-2016 >hist 2>&1 && clean hist &&
	"$CARE" history --full li-na-2016 >hist 2>&1 && clean hist
'

test_done
