#!/bin/sh
# make install PREFIX=...: the binary, the man page and the templates, and
# an installed care finds its templates for records that have none.
. "$(dirname "$0")/lib.sh"

test_expect_success 'make install puts care, its man page and templates under PREFIX' '
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" install PREFIX="$PWD/inst" >/dev/null &&
	test -x inst/bin/care && test -f inst/share/man/man1/care.1 &&
	test -f inst/share/care/templates/layout.html &&
	test -f inst/share/care/templates/partials/roster-table.md
'

test_expect_success 'an installed care renders records that have no templates folder' '
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" install PREFIX="$PWD/inst" >/dev/null &&
	mkdir school && cd school && cp -R "$TOP/records" . &&
	../inst/bin/care render >out && grep "^care: wrote $DEMO_PAGES pages" out &&
	test -f site/roster.js
'

test_done
