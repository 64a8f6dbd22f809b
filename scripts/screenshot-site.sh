#!/usr/bin/env bash
# Builds the web site of the fictional Riverside board as of 15 January 2024
# (`lscb site`) and photographs it in a real headless browser (Debian's
# chromium), as a board member would see it:
#   docs/img/site-index.png      the index
#   docs/img/site-priority.png   a priority's page
#   docs/img/site-action.png     an action's page (a deadline moved twice)
# Then it checks six kinds of page with axe-core (WCAG 2.1 A and AA, and axe's
# best practices) in the same browser, offline: tools/a11y holds the pinned
# axe-core and playwright-core (installed with `npm ci` on first use;
# playwright never downloads a browser). Exit 1 when axe finds a violation.
# SKIP_AXE=1 takes the screenshots only.
#
# Needs: apt-get install chromium; node and npm for the check. Not part of
# `cargo test` (CI has no browser).
set -euo pipefail
cd "$(dirname "$0")/.."

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
    echo "screenshot-site: chromium is not installed (apt-get install chromium)" >&2
    exit 2
fi

out=docs/img
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
site="$work/site"

cargo run --quiet -- --plan examples/riverside/plan --as-of 2024-01-15 \
    site --out "$site" --next-meeting 2024-03-12

# The flags keep a sandboxed, offline browser quiet: no first-run, no network.
shoot() { # NAME PAGE HEIGHT
    mkdir -p "$work/profile-$1"
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars "--user-data-dir=$work/profile-$1" --window-size="1280,$3" \
        --screenshot="$out/site-$1.png" "file://$site/$2" 2>/dev/null
    [[ -s $out/site-$1.png ]] || { echo "screenshot-site: $out/site-$1.png was not written" >&2; exit 1; }
}
shoot index index.html 1900
shoot priority priorities/2.html 1150
shoot action actions/2-1-1.html 1250
echo "wrote $out/site-index.png, $out/site-priority.png and $out/site-action.png"

if [[ ${SKIP_AXE:-} == 1 ]]; then
    exit 0
fi
if [[ ! -d tools/a11y/node_modules/axe-core ]]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tools/a11y --no-audit --no-fund --loglevel=error
fi
CHROMIUM=$browser node tools/a11y/axe.mjs "$site" index.html overdue.html actions/index.html \
    priorities/2.html actions/2-1-1.html leads/independent-chair.html
