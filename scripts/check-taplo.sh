#!/usr/bin/env bash
# Checks plan files with taplo, the TOML engine behind VS Code's Even Better
# TOML, against the JSON Schemas lscb writes: a plan that `lscb validate`
# accepts must not be underlined in a chair's editor.
#
#   scripts/check-taplo.sh [PLAN_DIR...]   (folders relative to where you are)
#
# 1. The shipped plan with the shipped schemas, exactly as an editor opening
#    this repository sees it: `taplo check` reads .taplo.toml, which maps
#    plan/board.toml to schema/board.schema.json and the other plan/**/*.toml
#    to schema/priority.schema.json.
# 2. Every other valid plan folder (default: the example boards and the valid
#    test fixtures; or the folders given, and then only those) against its own schemas: a schema
#    lists the register's lead names, so each plan needs the schemas of its
#    own board.toml. `lscb --plan DIR schema --out TMP` writes them, and taplo
#    is given them per file with --schema.
#
# Needs taplo from scripts/install-tools.sh, and lscb: $LSCB, else the debug
# build in the cargo target folder (built here if missing). Runs offline.
# Exit 0 when every file passes, 1 when any fails, 2 when it could not run.
set -euo pipefail

given=()
for dir in "$@"; do
    given+=("$(cd "$dir" && pwd)") || exit 2
done
cd "$(dirname "$0")/.."

taplo=$PWD/tools/.python/bin/taplo
if [[ ! -x $taplo ]]; then
    echo "check-taplo: taplo is not installed; run scripts/install-tools.sh" >&2
    exit 2
fi

lscb=${LSCB:-}
if [[ -z $lscb ]]; then
    cargo build --quiet --locked --bin lscb
    lscb=${CARGO_TARGET_DIR:-target}/debug/lscb
fi

if [[ ${#given[@]} -gt 0 ]]; then
    dirs=("${given[@]}")
else
    shopt -s nullglob
    dirs=(examples/*/plan tests/fixtures/minimal tests/fixtures/progress
        tests/fixtures/calendar-year tests/fixtures/edit/plan tests/fixtures/warnings/*/)
    shopt -u nullglob
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
# taplo logs each file's findings at error level; its INFO lines are noise here.
export RUST_LOG=warn

if [[ ${#given[@]} -eq 0 ]]; then
    echo "== plan/ with schema/ (.taplo.toml)"
    "$taplo" check --colors never 2>&1 || status=1
fi

n=0
for dir in "${dirs[@]}"; do
    dir=${dir%/}
    n=$((n + 1))
    out="$tmp/$n"
    # The priority files as lscb finds them: every *.toml but board.toml,
    # hidden files and folders skipped.
    priority_files=()
    while IFS= read -r -d '' file; do
        priority_files+=("$file")
    done < <(find "$dir" -mindepth 1 -name '.*' -prune -o -type f -name '*.toml' ! -path "$dir/board.toml" -print0 | sort -z)
    echo "== $dir ($((${#priority_files[@]} + 1)) files, its own schemas)"
    if ! "$lscb" --plan "$dir" schema --out "$out" >"$tmp/log" 2>&1; then
        cat "$tmp/log"
        echo "check-taplo: lscb could not write the schemas of $dir"
        status=1
        continue
    fi
    "$taplo" check --colors never --no-auto-config --schema "file://$out/board.schema.json" \
        "$dir/board.toml" 2>&1 || status=1
    if [[ ${#priority_files[@]} -gt 0 ]]; then
        "$taplo" check --colors never --no-auto-config --schema "file://$out/priority.schema.json" \
            "${priority_files[@]}" 2>&1 || status=1
    fi
done

if [[ $status -eq 0 ]]; then
    echo "check-taplo: every plan file passes taplo"
else
    echo "check-taplo: taplo rejects plan files that lscb accepts (above)"
fi
exit "$status"
