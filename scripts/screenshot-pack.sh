#!/usr/bin/env bash
# Renders the fictional board's meeting pack as HTML and photographs it in a
# real headless browser (Debian's chromium), as a person would see it:
#   docs/img/pack.png   the pack on screen
#   docs/img/pack.pdf   the pack printed to A4 (what the board's papers get)
# Needs: apt-get install chromium. Not part of `cargo test` (CI has no browser).
set -euo pipefail
cd "$(dirname "$0")/.."

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
    echo "screenshot-pack: chromium is not installed (apt-get install chromium)" >&2
    exit 2
fi

out=docs/img
mkdir -p "$out"
html=$(mktemp --suffix=.html)
profile=$(mktemp -d)
trap 'rm -rf "$html" "$profile"' EXIT

cargo run --quiet -- --plan examples/northbridge/plan --as-of 2017-12-01 \
    pack --next-meeting 2018-01-31 --format html -o "$html"

# The flags keep a sandboxed, offline browser quiet: no first-run, no network.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --hide-scrollbars "--user-data-dir=$profile")
"$browser" "${flags[@]}" --window-size=900,2600 --screenshot="$out/pack.png" "file://$html" 2>/dev/null
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/pack.pdf" "file://$html" 2>/dev/null

for f in "$out/pack.png" "$out/pack.pdf"; do
    [[ -s $f ]] || { echo "screenshot-pack: $f was not written" >&2; exit 1; }
done
echo "wrote $out/pack.png and $out/pack.pdf"
