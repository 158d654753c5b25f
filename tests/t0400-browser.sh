#!/bin/sh
# The demo site in a real browser: rendered here, opened from disk in
# Debian's chromium by tests/browser/site.test.js (playwright-core), and
# used as a teacher would: the nav, the roster's filter and sorting (by
# mouse and by keyboard), a child's page, a phone-sized screen; and
# printed as a principal would, on A4 (tests/browser/print.js): the
# roster, and a child's page of the full profile with its contact card.
# Screenshots of every step, and the PDFs with their sheets rendered in
# grey, are left in tests/out/browser/ for a person to look at.
#
# Node, npm, chromium and poppler-utils (pdftoppm, pdftotext) are needed,
# not optional: when one is missing the test fails and says what to
# install, so CI cannot pass without running it.
. "$(dirname "$0")/lib.sh"

BROWSER=$TEST_DIR/browser
SHOTS=$TOP/tests/out/browser
NPM_LOG=$TOP/tests/out/browser-npm-ci.log
DEMO=$SCRATCH_ROOT/demo
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM

# Whether node_modules holds the playwright-core that package.json pins.
playwright_installed() {
	node -e '
		const dir = process.argv[1];
		const have = require(dir + "/node_modules/playwright-core/package.json").version;
		const want = require(dir + "/package.json").dependencies["playwright-core"];
		process.exit(have === want ? 0 : 1);
	' "$BROWSER" 2>/dev/null
}

test_expect_success 'the demo school renders' '
	mkdir "$DEMO" && cd "$DEMO" &&
	cp -R "$TOP/records" "$TOP/templates" . && "$CARE" render >render.out &&
	test -f site/index.html && test -f site/roster.js
'

test_expect_success 'the demo school renders with contact cards (--profile full)' '
	cd "$DEMO" && "$CARE" render --profile full -o full-site >render-full.out &&
	test -f full-site/index.html && grep -l "联系卡" full-site/child-*.html >/dev/null
'

# playwright-core wants Node.js 20 or later (its package.json "engines").
test_expect_success 'node (20 or later) and npm are installed' '
	command -v node || { echo "node is missing: CI must install Node.js 20 or later, with npm"; exit 1; }
	command -v npm || { echo "npm is missing: CI must install it with Node.js"; exit 1; }
	node -e "process.exit(+process.versions.node.split(\".\")[0] >= 20 ? 0 : 1)" ||
	{ echo "node $(node --version) is too old for playwright-core: CI must install Node.js 20 or later"; exit 1; }
'

test_expect_success "chromium is installed ($CHROMIUM)" '
	test -x "$CHROMIUM" || { echo "$CHROMIUM is missing: CI must install Debian chromium (apt-get install chromium)"; exit 1; }
'

test_expect_success 'poppler-utils is installed (pdftoppm, pdftotext)' '
	command -v pdftoppm && command -v pdftotext ||
	{ echo "pdftoppm or pdftotext is missing: CI must install Debian poppler-utils (apt-get install poppler-utils)"; exit 1; }
'

test_expect_success 'playwright-core is installed in tests/browser/node_modules' '
	if ! playwright_installed; then
		mkdir -p "$TOP/tests/out" && cd "$BROWSER" &&
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --no-update-notifier \
			>"$NPM_LOG" 2>&1 ||
		{ tail -n 20 "$NPM_LOG"; echo "npm ci failed in $BROWSER; its log: $NPM_LOG"; exit 1; }
	fi &&
	playwright_installed
'

# The browser steps print TAP of their own; their lines are renumbered to
# follow the tests above. A TODO line is a fault reported, not a failure.
if [ "$test_failed" != 0 ]; then
	test_count=$((test_count + 1))
	test_failed=$((test_failed + 1))
	echo "not ok $test_count - the browser steps (not run: a test above failed)"
else
	school=$(sed -n 's/^school: *//p' "$DEMO/records/programme.yaml")
	node "$BROWSER/site.test.js" "$DEMO/site" "$SHOTS" "$school" "$DEMO/full-site" \
		>"$SCRATCH_ROOT/browser.tap" 2>"$SCRATCH_ROOT/browser.err"
	status=$?
	failed_before=$test_failed
	planned=
	ran=0
	while IFS= read -r line; do
		case $line in
		"ok "[0-9]*|"not ok "[0-9]*)
			verdict=${line%%ok *}ok
			rest=${line#"$verdict" }
			rest=${rest#* }
			test_count=$((test_count + 1))
			ran=$((ran + 1))
			echo "$verdict $test_count $rest"
			case "$verdict $rest" in
			"not ok "*" # TODO "*) ;;
			"not ok "*) test_failed=$((test_failed + 1)) ;;
			esac
			;;
		1..[0-9]*)
			planned=${line#1..}
			;;
		*)
			echo "$line"
			;;
		esac
	done <"$SCRATCH_ROOT/browser.tap"
	if [ "$status" != 0 ] && [ "$test_failed" = "$failed_before" ] || [ "$ran" != "${planned:-none}" ]; then
		test_count=$((test_count + 1))
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - site.test.js ran $ran of ${planned:-?} steps and exited $status"
		sed 's/^/# /' "$SCRATCH_ROOT/browser.err"
	fi
fi

# The yearly work report is printed, signed and sent: on A4, nothing cut
# off, tables whole, on a handful of sheets.
if [ "$test_failed" = 0 ]; then
	test_expect_success 'the yearly report prints on 3 to 6 A4 sheets, nothing cut off' '
		(cd "$DEMO" && "$CARE" report --year 2025-2026 --format html -o year.html) &&
		node "$BROWSER/print.js" "$DEMO/year.html" 3-6 "$SHOTS" 11-yearly-report >print.tap 2>&1;
		cat print.tap && grep "^ok 1 " print.tap
	'
fi

test_done
