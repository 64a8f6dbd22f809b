#!/usr/bin/env bash
# Renders a board's meeting pack as a person would see it, for the README:
#   docs/img/pack.png        the HTML pack in a real headless browser
#   docs/img/pack.pdf        the HTML pack printed to A4 by the browser
#   docs/img/pack-word.pdf   the Word pack converted by LibreOffice
#   docs/img/pack-word-N.png its pages as pictures (pdftoppm)
# Needs (Debian): apt-get install chromium libreoffice-writer-nogui poppler-utils
# Not part of `cargo test`: CI has no browser or office suite.
# The board is the fictional Riverside adults board on 1 March 2024: four
# overdue actions, each with its latest update.
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
    command -v "$1" >/dev/null || { echo "screenshot-pack: $1 is not installed ($2)" >&2; exit 2; }
}
browser=$(command -v chromium || command -v chromium-browser || true)
[[ -n $browser ]] || { echo "screenshot-pack: chromium is not installed (apt-get install chromium)" >&2; exit 2; }
need soffice "apt-get install libreoffice-writer-nogui"
need pdftoppm "apt-get install poppler-utils"

out=docs/img
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pack=(cargo run --quiet -- --plan examples/riverside/plan --as-of 2024-03-01 pack)
"${pack[@]}" --format html -o "$work/pack.html"
"${pack[@]}" --format docx -o "$work/pack.docx"

# The flags keep a sandboxed, offline browser quiet: no first-run, no network.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --hide-scrollbars "--user-data-dir=$work/profile")
"$browser" "${flags[@]}" --window-size=900,2600 --screenshot="$out/pack.png" "file://$work/pack.html" 2>/dev/null
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/pack.pdf" "file://$work/pack.html" 2>/dev/null

# LibreOffice lays the Word file out as Word would print it.
soffice --headless "-env:UserInstallation=file://$work/office" \
    --convert-to pdf --outdir "$work" "$work/pack.docx" >/dev/null 2>&1
cp "$work/pack.pdf" "$out/pack-word.pdf"
rm -f "$out"/pack-word-*.png
pdftoppm -r 70 -png "$out/pack-word.pdf" "$out/pack-word"

for f in "$out/pack.png" "$out/pack.pdf" "$out/pack-word.pdf" "$out"/pack-word-1.png; do
    [[ -s $f ]] || { echo "screenshot-pack: $f was not written" >&2; exit 1; }
done
pictures=("$out"/pack-word-*.png)
echo "wrote $out/pack.png, $out/pack.pdf, $out/pack-word.pdf and ${#pictures[@]} page pictures"
