#!/bin/sh
# The side doors of the commit gate, each tried with a real `git commit`
# through the installed hook: files under records/ that no rule reads,
# links and FIFOs, a rendered site or the render's cache and key, and a
# schema or programme.yaml that stops keeping something private.
. "$(dirname "$0")/lib.sh"

# The hook finds care on PATH (these repositories have no tools/care).
PATH=$(dirname "$CARE"):$PATH
export PATH
WANG=records/children/wang-xiaoming-2015.yaml

make_hooked_repo() {
	git init -q repo && cd repo &&
	make_base_repo && cp -R "$TOP/hooks" . &&
	"$CARE" hooks install >/dev/null &&
	git add -A && git commit -q -m "records" && test_tick
}

# Commits what is staged; the hook must refuse, say $1 and commit nothing.
refused() {
	test_must_fail git commit -q -m side-door >out 2>&1 &&
	grep -- "$1" out &&
	grep "nothing was committed" out &&
	git log --oneline >log && test_line_count log 1
}

test_expect_success 'unknown files under records/ are refused, one by one' '
	make_hooked_repo &&
	for f in records/x.yaml records/notes.txt records/schema/extra.yaml; do
		echo "a: b" >$f && git add $f &&
		refused "^$f: error: not a file care knows: .* \[unknown-file\]" &&
		git rm -q --cached $f && rm $f || return 1
	done &&
	grep "records/schema/ holds only child.yaml, pairing.yaml" out
'

test_expect_success 'an unknown folder and a case variant of a known one are refused' '
	make_hooked_repo &&
	mkdir records/Children records/old &&
	cp $WANG records/Children/x.yaml && git add records/Children &&
	refused "^records/Children: error: did you mean .records/children/.?" &&
	git rm -q -r --cached records/Children &&
	cp $WANG records/old/ && git add records/old &&
	refused "^records/old: error: not a folder care knows: records/ holds only programme.yaml" &&
	git rm -q -r --cached records/old &&
	echo "a: b" >records/programme.yml && git add records/programme.yml &&
	refused "^records/programme.yml: error: did you mean .records/programme.yaml.?"
'

test_expect_success 'a symbolic link under records/ is refused, folder or file' '
	make_hooked_repo &&
	mkdir ../outside && cp $WANG ../outside/ &&
	ln -s ../../outside records/more && git add records/more &&
	refused "^records/more: error: this is a symbolic link; care never follows links" &&
	git rm -q --cached records/more && rm records/more &&
	ln -s ../programme.yaml records/schema/json && git add records/schema/json &&
	refused "^records/schema/json: error: this is a symbolic link"
'

test_expect_success 'care check never follows a linked record folder out of the repository' '
	make_hooked_repo &&
	mkdir ../outside && cp $WANG ../outside/ &&
	sed -i "s/^gender: .*/gender: 男/" ../outside/wang-xiaoming-2015.yaml &&
	rm -r records/report 2>/dev/null; ln -s ../../outside records/report &&
	mv records/children ../kids && ln -s ../../kids records/children &&
	test_must_fail "$CARE" check >out &&
	grep "^records/children: error: this is a symbolic link" out &&
	grep "^records/report: error: this is a symbolic link" out &&
	! grep "wang-xiaoming-2015.yaml.*gender" out
'

test_expect_success 'a FIFO is reported, never opened (git cannot stage one)' '
	make_hooked_repo &&
	mkdir records/schema/json &&
	mkfifo records/pipe records/children/pipe.yaml records/schema/json/child.json &&
	test_must_fail "$CARE" check >out &&
	grep "^records/pipe: error: a FIFO or device is not a file a teacher writes; remove it" out &&
	grep "^records/children/pipe.yaml: error: a FIFO or device is not a file" out &&
	grep "^records/schema/json/child.json: error: a FIFO or device is not a file" out &&
	rm records/pipe records/children/pipe.yaml records/schema/json/child.json &&
	mkfifo records/programme.yaml.new && mv records/programme.yaml.new records/programme.yaml &&
	test_must_fail "$CARE" check >out &&
	grep "^records/programme.yaml: error: a FIFO or device is not a file" out
'

test_expect_success 'folder care check reports the unknown files too' '
	make_hooked_repo &&
	echo x >records/notes.txt && mkdir records/old && echo x >records/old/a.yaml &&
	mkdir records/report && echo x >records/report/notes.md &&
	test_must_fail "$CARE" check >out &&
	grep "^records/notes.txt: error: not a file care knows" out &&
	grep "^records/old: error: not a folder care knows" out &&
	grep "^records/report/notes.md: error: records/report/ holds only" out &&
	"$CARE" check records/children >out
'

test_expect_success 'the school'"'"'s words and the schemas'"'"' JSON exports commit' '
	make_hooked_repo &&
	mkdir -p records/report &&
	printf "# 2025-2026\n\n本学年结对帮扶顺利。\n" >records/report/2025-2026.md &&
	"$CARE" schema --json >/dev/null &&
	git add records && git commit -q -m "words and json" &&
	git show --stat HEAD >stat && grep "records/report/2025-2026.md" stat &&
	grep "records/schema/json/child.json" stat &&
	echo "{\"a\": [1, 2,]}" >records/schema/json/child.json && git add records &&
	test_must_fail git commit -q -m "bad json" >out 2>&1 &&
	grep "^records/schema/json/child.json:1:13: error: this is not valid JSON" out &&
	git checkout -q records/schema/json/child.json &&
	echo x >records/report/2025.md && git add records &&
	test_must_fail git commit -q -m "bad name" >out 2>&1 &&
	grep "^records/report/2025.md: error: records/report/ holds only" out
'

test_expect_success 'a rendered site, force-added, is refused: site/, site-full/, a marked folder' '
	make_hooked_repo &&
	mkdir site site-full && echo "<html>" >site/index.html && echo "<html>" >site-full/index.html &&
	git add -f site site-full &&
	refused "^site/: error: a site care render made is staged (1 files)" &&
	grep "^site-full/: error: a site care render made is staged" out &&
	git rm -q -r --cached site site-full &&
	cp -R "$TOP/templates" . && git add templates && git commit -q -m templates && test_tick &&
	mkdir public && "$CARE" render -o public/www >/dev/null 2>&1 &&
	test -f public/www/.care-site && test -f public/.www.care-cache &&
	git add -f public &&
	test_must_fail git commit -q -m site >out 2>&1 &&
	grep "^public/www/: error: a site care render made is staged" out &&
	grep "^public/.www.care-lock: error: this file belongs to care render" out &&
	grep "^public/.www.care-cache: error: this file belongs to care render" out &&
	git log --oneline >log && test_line_count log 2
'

test_expect_success 'the render'"'"'s cache, key and lock are refused wherever they are' '
	make_hooked_repo &&
	echo "care-key 1" >.site.care-key && echo x >.site.care-cache && echo x >.site-full.care-lock &&
	git add -f .site.care-key .site.care-cache .site-full.care-lock &&
	refused "^.site.care-key: error: this is the render.s secret key" &&
	grep "^.site.care-cache: error: this file belongs to care render" out &&
	grep "^.site-full.care-lock: error: this file belongs to care render" out
'

test_expect_success 'a field no longer marked x-sensitive is refused, unless allowed' '
	make_hooked_repo &&
	sed -i "/^  health:/,/x-sensitive/{/x-sensitive/d}" records/schema/child.yaml &&
	git add records/schema/child.yaml &&
	refused "^records/schema/child.yaml: error: .health. is no longer marked x-sensitive: its values would be published on the staff site.*CARE_ALLOW_SCHEMA_CHANGE=1 git commit" &&
	CARE_ALLOW_SCHEMA_CHANGE=1 git commit -q -m "health is public now" >out 2>&1 &&
	git log --oneline >log && test_line_count log 2
'

test_expect_success 'a sensitive field removed from a schema is refused' '
	make_hooked_repo &&
	sed -i "/^        work_place:/,/x-sensitive/d" records/schema/child.yaml &&
	sed -i "/work_place/d" records/children/*.yaml &&
	git add records &&
	refused "^records/schema/child.yaml: error: .parents.work_place., marked x-sensitive in the last commit, is gone from the schema"
'

test_expect_success 'a kind taken out of private_activity_kinds is refused, unless allowed' '
	make_hooked_repo &&
	sed -i "s/^private_activity_kinds: .*/private_activity_kinds: [counselling]/" records/programme.yaml &&
	git add records/programme.yaml &&
	refused "^records/programme.yaml:[0-9]*:[0-9]*: error: .talk. is no longer in private_activity_kinds" &&
	sed -i "/^private_activity_kinds:/d" records/programme.yaml &&
	git add records/programme.yaml &&
	git commit -q -m "the default is the same list" && test_tick &&
	echo "private_activity_kinds: [talk]" >>records/programme.yaml && git add records/programme.yaml &&
	test_must_fail git commit -q -m "no counselling" >out 2>&1 &&
	grep "error: .counselling. is no longer in private_activity_kinds" out &&
	CARE_ALLOW_SCHEMA_CHANGE=1 git commit -q -m "counselling is public" >out 2>&1 &&
	git log --oneline >log && test_line_count log 3
'

test_done
