# dyad — plain Makefile. `make` builds build/dyad; `make test` runs every test (also under ASan+UBSan).
CC      ?= cc
CSTD    := -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
OPT     ?= -O2 -g
PKGS    := jansson libutf8proc sqlite3
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -ljansson -lutf8proc -lsqlite3)
CFLAGS  += $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(PKG_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lpthread -lm

B       ?= build
# Library sources: every module folder except the command line, in pipeline order.
LIB_DIRS := base read text dict code when where event output store report
LIB_SRC  := $(foreach d,$(LIB_DIRS),$(wildcard src/$(d)/*.c)) $(B)/gen/embedded.c
LIB_OBJ  := $(patsubst %.c,$(B)/obj/%.o,$(filter src/%,$(LIB_SRC))) $(B)/obj/gen/embedded.o
CLI_SRC  := $(wildcard src/cli/*.c)
CLI_OBJ  := $(patsubst %.c,$(B)/obj/%.o,$(CLI_SRC))
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(patsubst tests/unit/%.c,$(B)/tests/%,$(TEST_SRC))
# Data compiled into the binary so that dyad runs with nothing beside it.
EMBED    := $(sort $(wildcard data/*.tsv data/dict/*.dyad))
# ... and compiled at build time from them (see "Images" below).
IMAGES   := $(B)/gen/dict.dyc $(B)/gen/gazetteer.img
STAGE1_OBJ := $(filter-out $(B)/obj/gen/embedded.o,$(LIB_OBJ)) $(B)/obj/gen/embedded-text.o

all: $(B)/dyad

$(B)/obj/%.o: %.c $(wildcard include/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "CC $<"; $(CC) $(CFLAGS) -c $< -o $@

$(B)/obj/gen/embedded.o: $(B)/gen/embedded.c
	@mkdir -p $(dir $@)
	@echo "CC $<"; $(CC) $(CFLAGS) -c $< -o $@

$(B)/embed: scripts/embed.c
	@mkdir -p $(B)
	$(CC) -std=c17 -O2 -Wall -Wextra -Werror $< -o $@

$(B)/gen/embedded.c: $(B)/embed $(EMBED) $(IMAGES)
	@mkdir -p $(dir $@)
	$(B)/embed $(EMBED) $(foreach f,$(IMAGES),gen/$(notdir $(f))=$(f)) > $@

# Images: the built-in dictionary and the gazetteer compiled from their text at build time, so that dyad
# loads them without parsing. A first-stage program (scripts/mkimages.c) linked with the library and the
# text alone (embedded-text.c) writes them; the text stays the source and is embedded as well.

$(B)/gen/embedded-text.c: $(B)/embed $(EMBED)
	@mkdir -p $(dir $@)
	$(B)/embed $(EMBED) > $@

$(B)/obj/gen/embedded-text.o: $(B)/gen/embedded-text.c
	@mkdir -p $(dir $@)
	@echo "CC $<"; $(CC) $(CFLAGS) -c $< -o $@

$(B)/mkimages: scripts/mkimages.c $(STAGE1_OBJ)
	$(CC) $(CFLAGS) $< $(STAGE1_OBJ) $(LDLIBS) -o $@

$(B)/gen/dict.dyc: $(B)/mkimages
	$(B)/mkimages dict $@

$(B)/gen/gazetteer.img: $(B)/mkimages
	$(B)/mkimages gazetteer $@

$(B)/libdyad.a: $(LIB_OBJ)
	@rm -f $@; ar rcs $@ $^

$(B)/dyad: $(CLI_OBJ) $(B)/libdyad.a
	$(CC) $(CFLAGS) $(CLI_OBJ) $(B)/libdyad.a $(LDLIBS) -o $@

$(B)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(B)/libdyad.a
	@mkdir -p $(dir $@)
	@echo "CC $<"; $(CC) $(CFLAGS) -Itests/unit $< $(B)/libdyad.a $(LDLIBS) -o $@

tests: $(TEST_BIN) $(B)/dyad

# `make test`: the normal build, then the same suite under AddressSanitizer + UBSan.
test:
	$(MAKE) tests
	$(MAKE) B=build-san OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" tests
	tests/run-all $(B) build-san

# Quick check without sanitizers (for the edit-compile loop).
check: tests
	tests/run $(B)

clean:
	rm -rf build build-san build-fuzz

.PHONY: all test tests check clean
.DELETE_ON_ERROR:
.SECONDARY:
