# care: records of a school's care programme for left-behind children.
# `make demo` sets everything up and checks the demo records; `make check`
# runs every test. See README.md.

# root installs for everyone; anyone else into ~/.local (on the PATH of
# Debian's default profile once it exists).
PREFIX ?= $(if $(filter 0,$(shell id -u)),/usr/local,$(HOME)/.local)
CC ?= cc
PKGS = yaml-0.1 libgit2 libpcre2-8 libcmark-gfm icu-i18n icu-uc
DEBIAN_PKGS = build-essential pkg-config libyaml-dev libgit2-dev libpcre2-dev \
	libcmark-gfm-dev libcmark-gfm-extensions-dev libicu-dev git perl python3 bsdutils clang \
	chromium fonts-noto-cjk poppler-utils jq libclang-rt-dev

# Warnings stop the build only for developers and CI (`make DEVELOPER=1`,
# .ci/run): a school building with a newer compiler gets warnings, not a
# failure.
WARN = -Wall -Wextra -Wpedantic -Wmissing-prototypes -Wstrict-prototypes \
	-Wshadow -Wvla -Wwrite-strings -Wformat=2
ifdef DEVELOPER
WARN += -Werror
endif
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SAN_FLAGS) -Itools/lib -MMD -MP \
	-DCARE_TEMPLATE_DIR='"$(PREFIX)/share/care/templates"' -DCARE_SHARE_DIR='"$(PREFIX)/share/care"' \
	-DCARE_SOURCE_DIR='"$(CURDIR)"' \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lpthread -lm

# Objects go under .build/ so the top level stays as README.md describes;
# `make SANITIZE=address,undefined` builds into its own folder.
# `make FAULTS=1` (or `make faults`) builds .build/faults/care, where the
# N-th allocation, write, fsync or rename fails on demand (CARE_FAULT_*,
# util/fault.h; tests/t0910-faults.sh).
ifdef FAULTS
BUILD = .build/faults
SAN_FLAGS = -DCARE_FAULTS
CARE = $(BUILD)/care
else ifdef SANITIZE
BUILD = .build/san
SAN_FLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
CARE = $(BUILD)/care
else
BUILD = .build/obj
CARE = tools/care
endif

LIB_SRC = $(wildcard tools/lib/*/*.c)
CMD_SRC = $(wildcard tools/*.c)
LIB_OBJ = $(LIB_SRC:tools/lib/%.c=$(BUILD)/lib/%.o)
CMD_OBJ = $(CMD_SRC:tools/%.c=$(BUILD)/%.o)
UNIT_SRC = $(wildcard tests/unit/t-*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%)
# Small programs the shell tests run (CARE_TEST_TOOLS), built on the library.
TOOL_SRC = $(wildcard tests/tools/*.c)
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(BUILD)/test-tools/%)

all: $(CARE)

$(CARE): $(CMD_OBJ) $(BUILD)/libcare.a
	$(CC) $(ALL_CFLAGS) -o $@ $(CMD_OBJ) $(BUILD)/libcare.a $(LIBS)

$(BUILD)/libcare.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $(LIB_OBJ)

# Header dependencies come from the compiler (-MMD): the .d files beside
# the objects are read below.
$(BUILD)/%.o: tools/%.c | deps-ok
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/unit/%: tests/unit/%.c tests/unit/tap.h $(BUILD)/libcare.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libcare.a $(LIBS)

$(BUILD)/test-tools/%: tests/tools/%.c $(BUILD)/libcare.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libcare.a $(LIBS)

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(UNIT_BIN:=.d) $(TOOL_BIN:=.d)

units: $(UNIT_BIN) $(TOOL_BIN)

# Fails with the command to run when a library is missing.
deps-ok:
	@pkg-config --exists $(PKGS) || { echo "care: missing libraries ($$(for p in $(PKGS); do pkg-config --exists $$p || printf '%s ' $$p; done)); run 'make deps' (as root) first" >&2; exit 1; }

deps:
	@if pkg-config --exists $(PKGS) && command -v prove >/dev/null && command -v git >/dev/null && command -v python3 >/dev/null && command -v script >/dev/null && command -v clang >/dev/null && command -v chromium >/dev/null && command -v pdftoppm >/dev/null && command -v jq >/dev/null && command -v npm >/dev/null; then \
		echo "care: build dependencies are installed"; \
	elif [ ! -f /etc/debian_version ]; then \
		echo "care: not a Debian system; install by hand: libyaml, libgit2, PCRE2, cmark-gfm (with extensions), ICU, pkg-config, git, perl, python3, clang" >&2; exit 2; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "care: installing packages needs root; run: sudo apt-get install $(DEBIAN_PKGS)" >&2; exit 2; \
	else \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(DEBIAN_PKGS) \
			$$(command -v npm >/dev/null || echo nodejs npm); \
	fi

demo: deps
	$(MAKE) all
	./tools/care check
	./tools/care render
	@echo "care: the demo site is ready: open $(abspath site/index.html)"

# Two test scripts at a time: every script works in scratch folders of its
# own, and the machines CI runs on have two cores.
PROVE_JOBS ?= 2

check: all units faults
	CARE=$(abspath $(CARE)) CARE_TEST_TOOLS=$(abspath $(BUILD)/test-tools) \
		CARE_FAULTS_BIN=$(abspath .build/faults/care) prove -f -j$(PROVE_JOBS) tests/t[0-9]*.sh $(UNIT_BIN)
ifndef SANITIZE
	$(MAKE) CC=clang BUILD=.build/clang CARE=.build/clang/care .build/clang/care
	$(MAKE) SANITIZE=address,undefined check-san
	$(MAKE) tsan
endif

faults:
	$(MAKE) FAULTS=1 .build/faults/care

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
check-san: all units
	ASAN_OPTIONS=detect_leaks=1 CARE_FAULTS_BIN= CARE=$(abspath $(CARE)) CARE_TEST_TOOLS=$(abspath $(BUILD)/test-tools) prove -j$(PROVE_JOBS) tests/t[0-9]*.sh $(UNIT_BIN)

# The threaded paths under ThreadSanitizer, in a folder of their own, with
# four threads even on a small job (CARE_TEST_THREADS; tests/lib.sh). Every
# report goes to a log beside the objects, so a race fails this target even
# where a test does not look at care's exit code. gcc's libtsan comes with
# build-essential; CC=clang works too.
TSAN_TESTS = tests/t0001-check.sh tests/t0310-render-incremental.sh tests/t0500-history.sh
ifeq ($(SANITIZE),thread)
tsan: all units
	rm -f $(BUILD)/tsan.log.*
	CARE_TEST_THREADS=4 TSAN_OPTIONS="halt_on_error=1 log_path=$(abspath $(BUILD))/tsan.log" \
		CARE=$(abspath $(CARE)) CARE_TEST_TOOLS=$(abspath $(BUILD)/test-tools) prove $(TSAN_TESTS); \
	status=$$?; if ls $(BUILD)/tsan.log.* >/dev/null 2>&1; then \
		cat $(BUILD)/tsan.log.* >&2; echo "care: ThreadSanitizer found a race (above)" >&2; exit 1; fi; \
	exit $$status
else
tsan:
	$(MAKE) SANITIZE=thread BUILD=.build/tsan CARE=.build/tsan/care tsan
endif

# libFuzzer targets (tests/fuzz/fuzz-*.c), built with clang over a library
# instrumented for them, in .build/fuzz/; each runs FUZZ_SECONDS over its
# corpus, tests/fuzz/corpus/TARGET. New inputs go to .build/fuzz/new/TARGET,
# never into the committed corpus; what crashes, hangs or leaks to
# .build/fuzz/found/TARGET/, and fuzzing goes on past it (-fork=1
# -ignore_crashes=1). `make -j2 fuzz` runs two at a time. `make check`
# replays the corpora without libFuzzer (tests/t0900-fuzz-replay.sh).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = $(patsubst tests/fuzz/fuzz-%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_SAN = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

fuzz:
	$(MAKE) CC=clang BUILD=.build/fuzz SAN_FLAGS='$(FUZZ_SAN)' $(FUZZ_TARGETS:%=.build/fuzz/fuzz-%)
	$(MAKE) $(FUZZ_TARGETS:%=fuzz-run-%)
	@for t in $(FUZZ_TARGETS); do printf '%-10s %10s executions, %s found\n' $$t \
		"$$(sed -n 's/^#\([0-9]*\): cov.*/\1/p' .build/fuzz/$$t.log | tail -1)" \
		"$$(ls .build/fuzz/found/$$t | wc -l)"; done; \
	! ls .build/fuzz/found/* | grep -q .

.build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h .build/fuzz/libcare.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< .build/fuzz/libcare.a $(LIBS)

fuzz-run-%:
	@rm -rf .build/fuzz/found/$* && mkdir -p .build/fuzz/new/$* .build/fuzz/found/$*
	.build/fuzz/fuzz-$* -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
		-max_total_time=$(FUZZ_SECONDS) -timeout=30 -artifact_prefix=.build/fuzz/found/$*/ \
		.build/fuzz/new/$* tests/fuzz/corpus/$* >.build/fuzz/$*.log 2>&1 || :

leakcheck: all
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
		-q ./tools/care check >/dev/null

update-golden: all
	UPDATE_GOLDEN=1 CARE=$(abspath $(CARE)) prove tests/t[0-9]*.sh || true

# Every commit in this repository runs `care check --staged` (hooks/pre-commit).
hooks: all
	./tools/care hooks install

bench: all
	tests/bench/run
	tests/bench/staged
	tests/bench/render
	tests/bench/history
	tests/bench/detect
	tests/bench/report

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/care/templates $(DESTDIR)$(PREFIX)/share/care/schema \
		$(DESTDIR)$(PREFIX)/share/care/hooks
	install -m 755 tools/care $(DESTDIR)$(PREFIX)/bin/care
	install -m 644 tools/care.1 $(DESTDIR)$(PREFIX)/share/man/man1/care.1
	install -d $(DESTDIR)$(PREFIX)/share/man/zh_CN/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 tools/care.zh.1 $(DESTDIR)$(PREFIX)/share/man/zh_CN/man1/care.1
	install -m 644 tools/care.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/care
	cp -R templates/. $(DESTDIR)$(PREFIX)/share/care/templates/
	install -d $(DESTDIR)$(PREFIX)/share/care/schema/json
	install -m 644 records/schema/*.yaml $(DESTDIR)$(PREFIX)/share/care/schema/
	install -m 644 records/schema/json/*.json $(DESTDIR)$(PREFIX)/share/care/schema/json/
	install -m 755 hooks/pre-commit hooks/pre-merge-commit $(DESTDIR)$(PREFIX)/share/care/hooks/
	install -d $(DESTDIR)$(PREFIX)/share/care/hooks/server
	install -m 755 hooks/server/pre-receive hooks/server/update hooks/server/ci.sh \
		$(DESTDIR)$(PREFIX)/share/care/hooks/server/

clean:
	rm -rf .build tools/care

.PHONY: all units deps deps-ok demo check check-san tsan faults fuzz leakcheck update-golden hooks bench install clean
