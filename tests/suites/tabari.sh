#!/usr/bin/env bash
# TABARI's validation suite (../shared/gold/tabari-validate): the share of standard records coded exactly
# as expected must not fall below the level reached so far (a ratchet: raise it with every gain).
set -u
MIN_PASS=406            # of 419 standard records (96.9%) on 2026-11-28; target ≥ 95%
suite=../shared/gold/tabari-validate/Validate.text
if [ ! -f "$suite" ]; then echo "SKIP: $suite not found"; echo "0 passed, 0 failed"; exit 0; fi
out=$("$DYAD" validate -q "$suite" 2>/dev/null)
echo "$out" | head -n 1
got=$(echo "$out" | sed -n 's/^\([0-9]*\) passed, .*/\1/p' | tail -n 1)
if [ -z "$got" ]; then echo "FAIL: dyad validate printed no result"; echo "0 passed, 1 failed"; exit 1; fi
if [ "$got" -lt "$MIN_PASS" ]; then
    echo "FAIL: $got records pass, the ratchet is $MIN_PASS"; echo "0 passed, 1 failed"; exit 1
fi
echo "ratchet ok: $got >= $MIN_PASS"
echo "1 passed, 0 failed"
