#!/bin/sh
# make install PREFIX=...: the binary, the man page and the templates, and
# an installed care finds its templates for records that have none.
. "$(dirname "$0")/lib.sh"

test_expect_success 'make install puts care, its man page and templates under PREFIX' '
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" install PREFIX="$PWD/inst" >/dev/null &&
	test -x inst/bin/care && test -f inst/share/man/man1/care.1 &&
	test -f inst/share/care/templates/layout.html &&
	test -f inst/share/care/templates/partials/roster-table.md &&
	test -f inst/share/man/zh_CN/man1/care.1 &&
	test -f inst/share/bash-completion/completions/care &&
	test -f inst/share/care/schema/child.yaml && test -f inst/share/care/schema/json/child.json
'

test_expect_success 'without PREFIX: /usr/local for root, ~/.local for anyone else' '
	want=$(if [ "$(id -u)" = 0 ]; then echo /usr/local; else echo "$HOME/.local"; fi) &&
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" install DESTDIR="$PWD/d" >/dev/null &&
	test -x "d$want/bin/care"
'

test_expect_success 'the bash completion offers commands, kinds and children' '
	cp -R "$TOP/records" . &&
	out=$(bash -c ". \"$TOP/tools/care.bash\"; COMP_WORDS=(care ne); COMP_CWORD=1; _care; echo \"\${COMPREPLY[*]}\"") &&
	test "$out" = new &&
	out=$(bash -c ". \"$TOP/tools/care.bash\"; COMP_WORDS=(care new pairing --child cao); COMP_CWORD=4; _care; echo \"\${COMPREPLY[*]}\"") &&
	test "$out" = cao-yuting-2019
'

test_expect_success 'care help COMMAND is the command'"'"'s help, in Chinese under a Chinese locale' '
	LC_ALL=zh_CN.UTF-8 "$CARE" help report >out && grep "^用法：care report" out &&
	"$CARE" help check >out && grep "^usage: care check" out &&
	test_must_fail --exit=2 "$CARE" help chek 2>err && grep "not a care command" err
'

test_expect_success 'an installed care renders records that have no templates folder' '
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" install PREFIX="$PWD/inst" >/dev/null &&
	mkdir school && cd school && cp -R "$TOP/records" . &&
	../inst/bin/care render >out && grep "^care: wrote $DEMO_PAGES pages" out &&
	test -f site/roster.js
'

test_done
