#!/bin/sh
# care schema --json: the record schemas as JSON Schema for editors. The
# files are written whole, without a BOM, as `jq .` would write them, with
# no x- keyword left and the x-labels as enumDescriptions; a second run
# changes nothing, and records/schema/json/ as committed is what the
# command writes today. Then the agreement: on every golden fixture of
# tests/fixtures/diag/ and on the demo records, an independent validator
# (ajv, JSON Schema 2020-12, over js-yaml's YAML 1.2 reading) accepts and
# rejects the same files as `care check` does by its schema rules
# (tests/tools/schema-agree.js says which rules, and which differences are
# excluded and why). That part needs node and npm; without them it is
# skipped, visibly.
. "$(dirname "$0")/lib.sh"

SCHEMAS='child pairing activity programme'
BENCH=$TOP/tests/bench
NPM_LOG=$TOP/tests/out/schema-npm-ci.log
CASES=$SCRATCH_ROOT/cases
AGREE_OUT=$SCRATCH_ROOT/agree.out

# A copy of the demo repository, to write into.
demo_copy() {
	cp -R "$TOP/records" . && rm -rf records/schema/json
}

test_expect_success 'care schema --json writes the four schemas' '
	demo_copy &&
	"$CARE" schema --json >out &&
	for s in $SCHEMAS; do
		echo "care: wrote records/schema/json/$s.json" || return 1
	done >expect &&
	test_cmp expect out &&
	ls records/schema/json >files &&
	printf "%s.json\n" activity child pairing programme >expect &&
	test_cmp expect files
'

test_expect_success 'each is JSON without a BOM, as jq writes it' '
	demo_copy && "$CARE" schema --json >/dev/null &&
	for s in $SCHEMAS; do
		f=records/schema/json/$s.json &&
		test "$(head -c 1 "$f")" = "{" &&
		jq . "$f" >canon && test_cmp canon "$f" &&
		test "$(jq -r ".\"\$schema\"" "$f")" = https://json-schema.org/draft/2020-12/schema ||
		return 1
	done
'

test_expect_success 'no x- keyword or $comment is left, titles and descriptions stay' '
	demo_copy && "$CARE" schema --json >/dev/null &&
	for s in $SCHEMAS; do
		f=records/schema/json/$s.json &&
		jq -e "[.. | objects | keys[] | select(startswith(\"x-\") or . == \"\$comment\")] == []" "$f" &&
		test "$(jq "[.. | objects | select(has(\"title\"))] | length" "$f")" = \
		     "$(grep -c "^ *title:" "records/schema/$s.yaml")" &&
		test "$(jq "[.. | objects | select(has(\"description\"))] | length" "$f")" = \
		     "$(grep -c "^ *description:" "records/schema/$s.yaml")" ||
		return 1
	done >/dev/null
'

test_expect_success 'x-labels become enumDescriptions aligned with enum' '
	demo_copy && "$CARE" schema --json >/dev/null &&
	for s in $SCHEMAS; do
		f=records/schema/json/$s.json &&
		jq -e "[.. | objects | select(has(\"enumDescriptions\")) |
			(.enum | length) == (.enumDescriptions | length) and
			(.enum | length) == (.markdownEnumDescriptions | length)] | all" "$f" &&
		test "$(jq "[.. | objects | select(has(\"enumDescriptions\"))] | length" "$f")" = \
		     "$(grep -c "^ *x-labels:" "records/schema/$s.yaml")" ||
		return 1
	done >/dev/null &&
	jq -c ".properties.gender | [.enum, .enumDescriptions]" records/schema/json/child.json >gender &&
	echo "[[\"male\",\"female\"],[\"男\",\"女\"]]" >expect &&
	test_cmp expect gender &&
	jq -r ".properties.mentor.properties.role.markdownEnumDescriptions[1]" \
		records/schema/json/pairing.json >proxy &&
	echo "代理家长/爱心妈妈" >expect && test_cmp expect proxy
'

test_expect_success 'a second run changes nothing and says nothing' '
	demo_copy && "$CARE" schema --json >/dev/null &&
	cp -p -R records/schema/json before && touch -d "2020-01-01 00:00" records/schema/json/*.json &&
	"$CARE" schema --json >out &&
	test_line_count out 0 &&
	diff -r before records/schema/json &&
	test -z "$(find records/schema/json -type f -newermt "2020-01-02" -print)"
'

test_expect_success 'a changed schema rewrites only its own file' '
	demo_copy && "$CARE" schema --json >/dev/null &&
	sed "s/^title: 关爱活动/title: 关爱活动记录/" records/schema/activity.yaml >a && mv a records/schema/activity.yaml &&
	"$CARE" schema --json >out &&
	echo "care: wrote records/schema/json/activity.json" >expect && test_cmp expect out &&
	test "$(jq -r .title records/schema/json/activity.json)" = 关爱活动记录
'

test_expect_success 'the committed records/schema/json/ is up to date' '
	demo_copy && "$CARE" schema --json >/dev/null &&
	diff -r records/schema/json "$TOP/records/schema/json" ||
	{ echo "records/schema/json/ is out of date: run tools/care schema --json and commit the result"; exit 1; }
'

test_expect_success '-o DIR is relative to where care was started' '
	demo_copy && mkdir sub && cd sub &&
	"$CARE" schema --json -o out >said &&
	test -f out/child.json && test -f out/programme.json && test ! -e ../records/schema/json &&
	grep -q "^care: wrote out/child.json$" said
'

test_expect_success 'without --json it is a usage error' '
	demo_copy &&
	test_must_fail --exit=2 "$CARE" schema 2>err &&
	grep -q -- --json err && test ! -e records/schema/json
'

test_expect_success 'a broken schema is reported and nothing is written' '
	demo_copy && "$CARE" schema --json >/dev/null && cp -R records/schema/json before &&
	sed "s/^title: 留守儿童档案/title: 留守儿童档案表/" records/schema/child.yaml >c && mv c records/schema/child.yaml &&
	sed "s/^    maxLength: 60$/    maxLenght: 60/" records/schema/activity.yaml >a && mv a records/schema/activity.yaml &&
	test_must_fail --exit=2 "$CARE" schema --json >out 2>err &&
	grep -q "^records/schema/activity.yaml:13:5: error: .*maxLenght.*\[schema\]$" err &&
	test_line_count out 0 && diff -r before records/schema/json &&
	rm -r records/schema/json &&
	test_must_fail --exit=2 "$CARE" schema --json 2>err &&
	test ! -e records/schema/json
'

test_expect_success '.vscode/settings.json maps each record folder to its schema' '
	f=$TOP/.vscode/settings.json &&
	jq -e ".\"yaml.schemas\"" "$f" >/dev/null &&
	for pair in child:records/children/*.yaml pairing:records/pairings/*.yaml \
		    activity:records/activities/*.yaml programme:records/programme.yaml; do
		s=${pair%%:*} glob=${pair#*:} &&
		jq -e --arg k "./records/schema/json/$s.json" --arg g "$glob" \
			".\"yaml.schemas\"[\$k] | if type == \"array\" then index(\$g) != null else . == \$g end" \
			"$f" >/dev/null &&
		test -f "$TOP/records/schema/json/$s.json" ||
		{ echo "no mapping of $glob to ./records/schema/json/$s.json"; return 1; }
	done
'

# The fixtures' records, each as t0100-diagnostics.sh lays them out, and
# the demo records, each with care's verdict in check.json.
test_expect_success 'care check --format json on every fixture and the demo' '
	mkdir "$CASES" &&
	for case_dir in "$FIXTURES"/diag/*/; do
		case_dir=${case_dir%/} &&
		mkdir "$CASES/${case_dir##*/}" && (
			cd "$CASES/${case_dir##*/}" && make_base_repo &&
			if [ -d "$case_dir/records" ]; then cp -R "$case_dir/records" . ; fi &&
			if [ -f "$case_dir/setup" ]; then sh "$case_dir/setup"; fi &&
			{ "$CARE" check --format json >check.json 2>check.err; test $? -le 1; }
		) || { echo "fixture ${case_dir##*/} failed to run"; return 1; }
	done &&
	mkdir "$CASES/demo" && cd "$CASES/demo" && cp -R "$TOP/records" . &&
	"$CARE" check --format json >check.json
'

# Whether tests/bench/node_modules holds the ajv, ajv-formats and js-yaml
# that tests/bench/package-lock.json pins.
bench_modules_installed() {
	node -e '
		const dir = process.argv[1];
		const lock = require(dir + "/package-lock.json").packages;
		for (const m of ["ajv", "ajv-formats", "js-yaml"]) {
			const have = require(dir + "/node_modules/" + m + "/package.json").version;
			if (have !== lock["node_modules/" + m].version) process.exit(1);
		}
	' "$BENCH" 2>/dev/null
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	test_skip 'ajv agrees with care check on the fixtures' 'node and npm are not installed'
else
	test_expect_success 'ajv, ajv-formats and js-yaml are installed in tests/bench/node_modules' '
		if ! bench_modules_installed; then
			mkdir -p "$TOP/tests/out" && cd "$BENCH" &&
			npm ci --no-audit --no-fund --no-update-notifier >"$NPM_LOG" 2>&1 ||
			{ tail -n 20 "$NPM_LOG"; echo "npm ci failed in $BENCH; its log: $NPM_LOG"; exit 1; }
		fi &&
		bench_modules_installed
	'

	test_expect_success 'ajv agrees with care check on the fixtures and the demo' '
		demo_copy && "$CARE" schema --json >/dev/null &&
		NODE_PATH=$BENCH/node_modules node "$TEST_DIR/tools/schema-agree.js" \
			"$PWD/records/schema/json" "$CASES"/*/ >"$AGREE_OUT" 2>&1 ||
		{ cat "$AGREE_OUT"; exit 1; }
	'
	# What was compared, skipped and excluded, for the log.
	if [ -f "$AGREE_OUT" ]; then
		grep -v "^skipped" "$AGREE_OUT" | sed "s/^/# /"
	fi
fi

test_done
