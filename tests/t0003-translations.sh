#!/bin/sh
# Every message a teacher can see has a Chinese translation: each string
# passed to _() in tools/ is in tools/lib/util/messages-zh*.h.
. "$(dirname "$0")/lib.sh"

test_expect_success 'every _() message has a Chinese translation' '
	python3 - "$TOP" >missing <<-\PY &&
	import glob, re, sys
	top = sys.argv[1]
	lit = r"\"((?:[^\"\\\\]|\\\\.)*)\""
	def joined(s):
	    return "".join(re.findall(lit, s))
	table = "".join(open(f).read() for f in sorted(glob.glob(top + "/tools/lib/util/messages-zh*.h")))
	have = {joined(m.group(1)) for m in re.finditer(r"\{\s*((?:" + lit + r"\s*)+),", table)}
	for f in sorted(glob.glob(top + "/tools/*.c") + glob.glob(top + "/tools/lib/*/*.c")):
	    for m in re.finditer(r"_\(\s*((?:" + lit + r"\s*)+)\)", open(f).read()):
	        if joined(m.group(1)) not in have:
	            print(f[len(top) + 1:], repr(joined(m.group(1))))
	PY
	test_line_count missing 0
'

test_done
