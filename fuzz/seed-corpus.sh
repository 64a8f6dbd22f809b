#!/usr/bin/env bash
# Fills fuzz/corpus/load/ with the fixture plans' priority files (each beside
# the default board) and a few board + priority pairs, as the fuzzer's seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus/load
mkdir -p "$out"
n=0
while IFS= read -r -d '' f; do
    case "$f" in */board.toml) continue ;; esac
    cp "$f" "$out/seed-$n.toml"; n=$((n + 1))
done < <(find tests/fixtures plan examples -name '*.toml' -print0)
for dir in tests/fixtures/minimal tests/fixtures/progress tests/fixtures/calendar-year; do
    for p in "$dir"/*.toml; do
        [[ $p == */board.toml ]] && continue
        { cat "$dir/board.toml"; printf '\0'; cat "$p"; } > "$out/pair-$n.toml"; n=$((n + 1))
    done
done
echo "wrote $n seeds to $out"
