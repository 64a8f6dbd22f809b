#!/usr/bin/env bash
# action.yml, step 2: check the plan. Every check runs, whatever the ones
# before it found; the script fails (exit 1) if any of them failed.
#
#   validate        lscb --plan PLAN validate --format github
#   layout          lscb --plan PLAN fmt --check --format github
#   editor schemas  lscb --plan PLAN schema --check --out SCHEMA
#                   (skipped when SCHEMA is empty or is not a folder)
#   review          lscb --plan PLAN review --base origin/BASE --format github,
#                   then --format markdown into the job summary
#                   (when BASE is set: on pull requests, their base branch)
#
# `--format github` prints one ::error file=…,line=…:: annotation per problem,
# which GitHub shows on the pull request's diff.
#
# Environment (action.yml sets it from the inputs; nothing here is expanded
# by the workflow engine):
#   LSCB     the lscb to run (default: lscb on PATH)
#   PLAN     the plan folder, relative to the repository root
#   SCHEMA   the folder of editor schemas, or empty
#   BASE     the branch a pull request goes into, or empty
#   GITHUB_STEP_SUMMARY  as GitHub Actions sets it (optional)
# Written for bash 3.2 as well (macOS's /bin/bash).
set -uo pipefail

lscb=${LSCB:-lscb}
plan=${PLAN:-plan}
schema=${SCHEMA-schema}
base=${BASE:-}
summary=${GITHUB_STEP_SUMMARY:-/dev/null}

results=()
failed=0

# check NAME COMMAND...: run it in a log group and record how it went.
check() {
    local name=$1 rc
    shift
    echo "::group::$name: $*"
    "$@"
    rc=$?
    echo "::endgroup::"
    if [[ $rc -eq 0 ]]; then
        results+=("| $name | passed |")
    else
        results+=("| $name | **failed** (exit $rc) |")
        echo "::error title=lscb $name::$name failed (exit $rc): $*"
        failed=1
    fi
}

check validate "$lscb" --plan "$plan" validate --format github
check layout "$lscb" --plan "$plan" fmt --check --format github

if [[ -z $schema ]]; then
    results+=("| editor schemas | skipped (no schema folder given) |")
elif [[ ! -d $schema ]]; then
    echo "::notice title=lscb editor schemas::no folder $schema, so no schemas to check; \`lscb schema --out $schema\` writes them (or set the action's schema input to '')"
    results+=("| editor schemas | skipped (no folder $schema) |")
else
    check "editor schemas" "$lscb" --plan "$plan" schema --check --out "$schema"
fi

if [[ -z $base ]]; then
    results+=("| review | skipped (not a pull request) |")
elif [[ $(git rev-parse --is-shallow-repository 2>/dev/null) == true ]]; then
    echo "::error title=lscb review::the checkout is shallow, so the pull request cannot be compared with $base: give actions/checkout \`fetch-depth: 0\`"
    results+=("| review | **failed** (shallow checkout: needs fetch-depth: 0) |")
    failed=1
elif ! git rev-parse --verify --quiet "origin/$base^{commit}" >/dev/null; then
    echo "::error title=lscb review::origin/$base is not in the checkout: give actions/checkout \`fetch-depth: 0\` (or set the action's base input to a branch that exists)"
    results+=("| review | **failed** (no origin/$base) |")
    failed=1
else
    check review "$lscb" --plan "$plan" review --base "origin/$base" --format github
    # The same review as Markdown for the job summary. Its exit status 1 is
    # the finding already reported just above; only a failure to run counts.
    "$lscb" --plan "$plan" review --base "origin/$base" --format markdown >> "$summary"
    rc=$?
    if [[ $rc -ge 2 ]]; then
        echo "::error title=lscb review::could not write the review summary (exit $rc)"
        failed=1
    fi
fi

{
    echo
    echo "### lscb checks of \`$plan\`"
    echo
    echo "| check | result |"
    echo "|---|---|"
    printf '%s\n' "${results[@]}"
} >> "$summary"

printf '%s\n' "${results[@]}"
exit "$failed"
