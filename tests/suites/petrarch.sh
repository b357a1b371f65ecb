#!/usr/bin/env bash
# PETRARCH's unit-test records (../shared/gold/petr-unittest) coded from the text alone with the
# PETR.Validate.* dictionaries: the share of expected events found must not fall below the level reached
# so far (a ratchet: raise it with every gain).
set -u
MIN_FOUND=317           # of 385 expected events (82.3%) on 2026-11-28; target ≥ 80%
suite=../shared/gold/petr-unittest/PETR.UnitTest.records.xml
if [ ! -f "$suite" ]; then echo "SKIP: $suite not found"; echo "0 passed, 0 failed"; exit 0; fi
out=$("$DYAD" validate -q "$suite" 2>/dev/null)
echo "$out" | head -n 1
got=$(echo "$out" | sed -n 's/^petrarch: \([0-9]*\)\/.*/\1/p')
if [ -z "$got" ]; then echo "FAIL: dyad validate printed no result"; echo "0 passed, 1 failed"; exit 1; fi
if [ "$got" -lt "$MIN_FOUND" ]; then
    echo "FAIL: $got expected events found, the ratchet is $MIN_FOUND"; echo "0 passed, 1 failed"; exit 1
fi
echo "ratchet ok: $got >= $MIN_FOUND"
echo "1 passed, 0 failed"
