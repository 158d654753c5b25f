#!/bin/sh
# The shape of the library: floors that point one way, private headers kept
# private, one home for each third-party header, no circles between files,
# a library that never prints, short files and one thread cap. Each failure
# names the file and line. CARE_LAYERS_TOP judges another tree (a copy of
# tools/ to try the checks on); it defaults to the project's top.
. "$(dirname "$0")/lib.sh"

# Each floor, and the floors below it that it may include (besides itself).
FLOORS='
util:
yaml:     util
schema:   util yaml
template: util
text:     util
table:    util yaml
detect:   util template
records:  util yaml schema detect text table
git:      util yaml schema records detect text table
report:   util yaml schema records template detect text table
site:     util yaml schema records git template detect report text table
'

# Third-party headers and the one file that may include each: a glob over
# the header name, then a path, or "*" for "at most one file, any of them".
# A glob gives each header it matches the same home.
THIRD_PARTY='
yaml.h         tools/lib/yaml/tree.c
pcre2.h        tools/lib/schema/regex.c
cmark-gfm*.h   tools/lib/template/markdown.c
git2.h         tools/lib/git/libgit2.h
unicode/*.h    *
iconv.h        tools/lib/util/convert.c
'

# Private headers besides the *_int.h ones: only their own folder includes
# them.
PRIVATE='
git/libgit2.h
'

# The one place the library may print and stop: running out of memory.
# A path and the exact text of the line, tab-separated.
ALLOW_PRINT='
tools/lib/util/strbuf.c	fputs("care: out of memory\n", stderr);
tools/lib/util/strbuf.c	_exit(2);
'

MAX_LINES=600
THREAD_CAP_HOME=tools/lib/util/threads.h
THREAD_CAP_DEFINE='#define CARE_MAX_THREADS 16'

LAYERS_TOP=${CARE_LAYERS_TOP:-$TOP}
export FLOORS THIRD_PARTY PRIVATE ALLOW_PRINT MAX_LINES THREAD_CAP_HOME THREAD_CAP_DEFINE LAYERS_TOP

cat >"$SCRATCH_ROOT/layers.py" <<'EOF'
import fnmatch, os, re, sys

top = os.environ["LAYERS_TOP"]
problems = []

def fail(msg):
    problems.append(msg)

def sources():
    """Every .c and .h under tools/, as paths relative to the top, sorted."""
    out = []
    for d, dirs, files in os.walk(os.path.join(top, "tools")):
        dirs.sort()
        for f in files:
            if f.endswith((".c", ".h")):
                out.append(os.path.relpath(os.path.join(d, f), top))
    return sorted(out)

def read(p):
    with open(os.path.join(top, p), encoding="utf-8", errors="replace") as f:
        return f.read()

def floor_of(p):
    """The floor of a library file, "" for a file straight in tools/lib,
    None for a command."""
    parts = p.split("/")
    if parts[:2] != ["tools", "lib"]:
        return None
    return parts[2] if len(parts) > 3 else ""

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')

def includes(p):
    """(line, kind, name, target) for each #include; target is the path
    of a quoted header relative to the top, as the compiler finds it
    (beside the file, then under tools/lib/)."""
    out = []
    for n, line in enumerate(read(p).split("\n"), 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        kind, name = m.group(1), m.group(2)
        target = None
        if kind == '"':
            beside = os.path.normpath(os.path.join(os.path.dirname(p), name))
            if os.path.exists(os.path.join(top, beside)):
                target = beside
            else:
                target = os.path.normpath(os.path.join("tools/lib", name))
        out.append((n, kind, name, target))
    return out

def strip_c(text):
    """The text with comments, string and character literals blanked out,
    lines kept where they were."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)

def floors():
    rules = {}
    for line in os.environ["FLOORS"].strip().split("\n"):
        name, below = line.split(":", 1)
        rules[name.strip()] = set(below.split()) | {name.strip()}
    return rules

def check_floors():
    rules = floors()
    for p in sources():
        f = floor_of(p)
        if f is None:
            continue
        if f not in rules:
            fail("%s: in no floor (%s); the floors are: %s" %
                 (p, "tools/lib/" + f if f else "tools/lib itself", " ".join(rules)))
            continue
        for n, kind, name, target in includes(p):
            if kind != '"':
                continue
            tf = floor_of(target)
            if tf is None or tf == "":
                fail('%s:%d: includes "%s", which is not a library header' % (p, n, name))
            elif tf not in rules[f]:
                fail('%s:%d: %s includes "%s" from %s; %s may include only %s' %
                     (p, n, f, name, tf, f, ", ".join(sorted(rules[f]))))

def private(target):
    listed = os.environ["PRIVATE"].split()
    return target.endswith("_int.h") or \
        any(target == os.path.normpath("tools/lib/" + h) for h in listed)

def check_private():
    for p in sources():
        f = floor_of(p)
        for n, kind, name, target in includes(p):
            if kind != '"' or not private(target):
                continue
            if f is None:
                fail('%s:%d: a command includes the private header "%s"' % (p, n, name))
            elif os.path.dirname(target) != os.path.dirname(p):
                fail('%s:%d: includes "%s", private to %s/' %
                     (p, n, name, os.path.dirname(target)))

def check_third_party():
    rules = [l.split() for l in os.environ["THIRD_PARTY"].strip().split("\n")]
    by_header = {}
    for p in sources():
        for n, kind, name, target in includes(p):
            if kind == "<":
                by_header.setdefault(name, []).append((p, n))
    for glob, home in rules:
        names = sorted(h for h in by_header if fnmatch.fnmatchcase(h, glob))
        for h in names:
            users = by_header[h]
            if home == "*":
                if len(set(p for p, n in users)) > 1:
                    fail("<%s> is included by %d files, at most one may: %s" %
                         (h, len(users), ", ".join("%s:%d" % u for u in users)))
            else:
                for p, n in users:
                    if p != home:
                        fail("%s:%d: includes <%s>; only %s may" % (p, n, h, home))
        if home != "*" and not any(p == home for h in names for p, n in by_header[h]):
            fail("%s: does not include <%s>, and it is that header's one home%s" %
                 (home, glob, "" if os.path.exists(os.path.join(top, home)) else
                  " (the file does not exist)"))

def unit(p):
    """a/b.c, a/b.h and a/b_int.h are one unit, a/b: a module and its
    private header are one thing, not two that use each other."""
    base = re.sub(r"\.[ch]$", "", p[len("tools/lib/"):])
    return re.sub(r"_int$", "", base)

def check_cycles():
    edges = {}
    for p in sources():
        if floor_of(p) is None:
            continue
        for n, kind, name, target in includes(p):
            if kind != '"' or not os.path.exists(os.path.join(top, target)):
                continue
            u, v = unit(p), unit(target)
            if u != v:
                edges.setdefault(u, {}).setdefault(v, "%s:%d" % (p, n))
    # Depth first; a grey node met again closes a circle.
    colour, stack, seen = {}, [], set()
    def visit(u):
        colour[u] = "grey"
        stack.append(u)
        for v in sorted(edges.get(u, {})):
            if colour.get(v) == "grey":
                ring = stack[stack.index(v):] + [v]
                key = frozenset(ring)
                if key not in seen:
                    seen.add(key)
                    fail("circle: " + " -> ".join(
                        "%s (%s)" % (a, edges[a][b]) for a, b in zip(ring, ring[1:]))
                         + " -> " + v)
            elif v not in colour:
                visit(v)
        stack.pop()
        colour[u] = "black"
    sys.setrecursionlimit(10000)
    for u in sorted(edges):
        if u not in colour:
            visit(u)

PRINTING = re.compile(r"\b(stderr|stdout)\b|\b(printf|puts|fputs|perror|chdir|fchdir|"
                      r"sigaction|signal|exit|_exit|_Exit|quick_exit)\s*\(")

def check_printing():
    allowed = {}
    for line in os.environ["ALLOW_PRINT"].strip("\n").split("\n"):
        if line.strip():
            path, text = line.split("\t", 1)
            allowed[(path, text.strip())] = []
    for p in sources():
        if floor_of(p) is None or not p.endswith(".c"):
            continue
        raw = read(p).split("\n")
        for n, line in enumerate(strip_c(read(p)).split("\n"), 1):
            found = sorted(set(m.group(0).rstrip("( \t") for m in PRINTING.finditer(line)))
            if not found:
                continue
            key = (p, raw[n - 1].strip())
            if key in allowed:
                allowed[key].append(n)
                continue
            fail("%s:%d: the library uses %s: %s" % (p, n, ", ".join(found), raw[n - 1].strip()))
    for (path, text), lines in allowed.items():
        if len(lines) != 1:
            fail("%s: the allowed line '%s' is there %d times%s, wanted once" %
                 (path, text, len(lines),
                  " (lines %s)" % ", ".join(map(str, lines)) if lines else ""))

def check_lines():
    cap = int(os.environ["MAX_LINES"])
    for p in sources():
        n = len(read(p).splitlines())
        if n > cap:
            fail("%s: %d lines, more than %d" % (p, n, cap))

THREAD16 = re.compile(r"\[\s*16\s*\](?!\s*=(?!\s*\{))|(?<![>-])>=?\s*16\b(?!\.)|\b16\s*<(?![<=]?\s*\w*\s*<)"
                      r"|thread\w*\s*=\s*16\b|#\s*define\s+\w*THREAD\w*\s+16\b", re.I)

def check_thread_cap():
    home = os.environ["THREAD_CAP_HOME"]
    define = os.environ["THREAD_CAP_DEFINE"]
    for p in sources():
        if p == home:
            continue
        for n, line in enumerate(strip_c(read(p)).split("\n"), 1):
            m = THREAD16.search(line)
            if m:
                fail("%s:%d: the literal 16 as a thread count or array size (%s); use CARE_MAX_THREADS from %s"
                     % (p, n, m.group(0).strip(), home))
    if not os.path.exists(os.path.join(top, home)):
        fail("%s: missing; it holds '%s'" % (home, define))
    elif not any(l.split() == define.split() for l in read(home).split("\n")):
        fail("%s: no '%s' line" % (home, define))

checks = {"floors": check_floors, "private": check_private,
          "third-party": check_third_party, "cycles": check_cycles,
          "printing": check_printing, "lines": check_lines,
          "thread-cap": check_thread_cap}
checks[sys.argv[1]]()
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF

layers() {
	python3 "$SCRATCH_ROOT/layers.py" "$1"
}

test_expect_success 'a floor includes only floors below it' 'layers floors'
test_expect_success 'private headers stay in their folder; commands use none' 'layers private'
test_expect_success 'each third-party header has one including file' 'layers third-party'
test_expect_success 'no circle of includes between library files' 'layers cycles'
test_expect_success 'the library does not print, chdir, exit or catch signals' 'layers printing'
test_expect_success "no source file in tools/ over $MAX_LINES lines" 'layers lines'
test_expect_success 'one thread cap, CARE_MAX_THREADS' 'layers thread-cap'

test_done
