#!/usr/bin/env bash
# Tests the scripts behind action.yml offline, as GitHub Actions runs them:
# the runner's variables set, `gh` and `lscb` replaced by stand-ins that record
# how they were called.
#   scripts/action-install.sh  picks the archive for the runner, verifies its
#                              SHA-256, installs lscb on GITHUB_PATH
#   scripts/action-checks.sh   runs every check whatever the others found,
#                              fails when any failed, reviews only with a base
# Prints one line per case and `action: N passed, N failed`; exit 1 on a failure.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
scripts=$PWD/scripts

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
ok() {
    passed=$((passed + 1))
    echo "ok: $1"
}
not_ok() {
    failed=$((failed + 1))
    echo "FAILED: $1"
    [[ -f $tmp/out ]] && sed 's/^/    | /' "$tmp/out"
}
# expect NAME CONDITION...: the condition (a command) holds.
expect() {
    local name=$1
    shift
    if "$@"; then ok "$name"; else not_ok "$name"; fi
}
has() { grep -qF -- "$2" "$1"; }

sha256() {
    if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

# --- a release, as .github/workflows/release.yml publishes it -----------------
release=$tmp/release
mkdir -p "$release"
for target in x86_64-unknown-linux-musl aarch64-apple-darwin; do
    name=lscb-v9.8.7-$target
    mkdir -p "$tmp/pack/$name"
    printf '#!/bin/sh\necho "lscb 9.8.7"\n' > "$tmp/pack/$name/lscb"
    chmod +x "$tmp/pack/$name/lscb"
    tar -C "$tmp/pack" -czf "$release/$name.tar.gz" "$name"
done
(cd "$release" && sha256 ./*.tar.gz | sed 's# \./# #' > SHA256SUMS)

# A gh that serves that release: `release download [TAG] --repo R --pattern P...`.
mkdir -p "$tmp/fakebin"
cat > "$tmp/fakebin/gh" <<'EOF'
#!/usr/bin/env bash
echo "gh $*" >> "$GH_LOG"
[[ $1 == release && $2 == download ]] || exit 1
shift 2
patterns=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --repo) shift 2 ;;
        --pattern) patterns+=("$2"); shift 2 ;;
        *) shift ;;
    esac
done
for p in "${patterns[@]}"; do
    for f in "$FAKE_RELEASE"/$p; do
        [[ -f $f ]] && cp "$f" .
    done
done
exit 0
EOF
chmod +x "$tmp/fakebin/gh"

# install CASE OS ARCH VERSION: run action-install.sh as the runner would.
install() {
    local case=$1
    rm -rf "$tmp/runner"
    mkdir -p "$tmp/runner/temp"
    : > "$tmp/runner/path"
    : > "$tmp/runner/output"
    : > "$tmp/runner/gh.log"
    env PATH="$tmp/fakebin:$PATH" GH_LOG="$tmp/runner/gh.log" FAKE_RELEASE="$release" \
        RUNNER_OS="$2" RUNNER_ARCH="$3" RUNNER_TEMP="$tmp/runner/temp" \
        GITHUB_PATH="$tmp/runner/path" GITHUB_OUTPUT="$tmp/runner/output" \
        GITHUB_ACTION_PATH=/home/runner/work/_actions/some-board/lscb/v1 \
        GITHUB_REPOSITORY=some-board/plan LSCB_VERSION="$4" GH_TOKEN=x \
        bash "$scripts/action-install.sh" > "$tmp/out" 2>&1
    echo $? > "$tmp/runner/rc"
    echo "# $case" >> "$tmp/out"
}
rc() { [[ $(cat "$tmp/runner/rc") == "$1" ]]; }

install "latest on Linux x86_64" Linux X64 latest
expect "install: latest release on Linux x86_64 succeeds" rc 0
expect "install: downloads from the action's own repository, latest release, this target only" \
    has "$tmp/runner/gh.log" "gh release download --repo some-board/lscb --pattern lscb-*-x86_64-unknown-linux-musl.tar.gz --pattern SHA256SUMS"
expect "install: checks the SHA-256" has "$tmp/out" "matches SHA256SUMS"
expect "install: lscb runs from the folder put on GITHUB_PATH" \
    test "$("$(cat "$tmp/runner/path")/lscb")" = "lscb 9.8.7"
expect "install: outputs the path and version" \
    grep -qx "version=9.8.7" "$tmp/runner/output"

install "a pinned version on macOS arm64" macOS ARM64 9.8.7
expect "install: version 9.8.7 asks for tag v9.8.7, the macOS arm64 archive" \
    has "$tmp/runner/gh.log" "gh release download v9.8.7 --repo some-board/lscb --pattern lscb-*-aarch64-apple-darwin.tar.gz"

install "a bad version" Linux X64 '1.0; rm -rf /'
expect "install: refuses a version that is not a release tag" rc 1

install "no build for this runner" Linux ARM64 latest
expect "install: fails when the release has no archive for the runner" rc 1

cp -r "$release" "$tmp/release.good"
printf 'tampered' >> "$release/lscb-v9.8.7-x86_64-unknown-linux-musl.tar.gz"
install "a tampered archive" Linux X64 latest
expect "install: a checksum mismatch fails, and installs nothing" rc 1
expect "install: says it is a checksum mismatch" has "$tmp/out" "checksum mismatch"
expect "install: puts nothing on GITHUB_PATH after a mismatch" test ! -s "$tmp/runner/path"
rm -rf "$release" && mv "$tmp/release.good" "$release"

# --- the checks -----------------------------------------------------------------
# An lscb that records its arguments and fails the subcommands named in FAIL.
cat > "$tmp/fakebin/lscb" <<'EOF'
#!/usr/bin/env bash
echo "lscb $*" >> "$LSCB_LOG"
args=" $* "
for sub in $FAIL; do
    [[ $args == *" $sub "* ]] && { echo "::error file=plan/1-x.toml,line=1::$sub found something"; exit 1; }
done
[[ $args == *" --format markdown "* ]] && echo "REVIEW MARKDOWN"
exit 0
EOF
chmod +x "$tmp/fakebin/lscb"

repo=$tmp/repo
git init -q "$repo"
git -C "$repo" -c user.name=t -c user.email=t@example.org commit -q --allow-empty -m base
git -C "$repo" update-ref refs/remotes/origin/main HEAD
mkdir -p "$repo/schema"

# checks CASE FAIL BASE [SCHEMA]: run action-checks.sh in the plan repository.
checks() {
    : > "$tmp/lscb.log"
    : > "$tmp/summary"
    (cd "$repo" && env LSCB_LOG="$tmp/lscb.log" FAIL="$2" LSCB="$tmp/fakebin/lscb" \
        PLAN=plan SCHEMA="${4-schema}" BASE="$3" GITHUB_STEP_SUMMARY="$tmp/summary" \
        bash "$scripts/action-checks.sh") > "$tmp/out" 2>&1
    echo $? > "$tmp/runner/rc"
    echo "# $1" >> "$tmp/out"
}
ran() { grep -qxF -- "lscb --plan plan $1" "$tmp/lscb.log"; }
all_ran() {
    ran "validate --format github" && ran "fmt --check --format github" &&
        ran "schema --check --out schema" && ran "review --base origin/main --format github" &&
        ran "review --base origin/main --format markdown"
}

checks "a pull request, all clean" "" main
expect "checks: a clean pull request passes" rc 0
expect "checks: runs validate, fmt, schema and both reviews against origin/BASE" all_ran
expect "checks: the review's Markdown goes to the job summary" has "$tmp/summary" "REVIEW MARKDOWN"

checks "validate fails" "validate" main
expect "checks: a failing validate fails the action" rc 1
expect "checks: ...and every later check still runs" all_ran
expect "checks: ...and its annotations are printed" has "$tmp/out" "::error file=plan/1-x.toml,line=1::validate found something"

checks "fmt and review fail" "fmt review" main
failed_all_ran() { rc 1 && all_ran; }
expect "checks: failing fmt and review fail the action, all checks run" failed_all_ran
summary_names_failures() {
    has "$tmp/summary" "| layout | **failed** (exit 1) |" &&
        has "$tmp/summary" "| review | **failed** (exit 1) |" &&
        has "$tmp/summary" "| validate | passed |"
}
expect "checks: the summary table names each failure" summary_names_failures

checks "a push: no base" "" ""
no_review() { rc 0 && ! grep -q review "$tmp/lscb.log"; }
expect "checks: without a base there is no review" no_review

checks "no schema folder" "" "" "no-such-folder"
schema_skipped() { rc 0 && ! grep -q "schema --check" "$tmp/lscb.log" && has "$tmp/out" "::notice"; }
expect "checks: a missing schema folder is skipped with a notice" schema_skipped

checks "a base that was not fetched" "" develop
says_fetch_depth() { rc 1 && has "$tmp/out" "fetch-depth: 0" && ran "fmt --check --format github"; }
expect "checks: a base missing from the checkout fails and says fetch-depth: 0" says_fetch_depth

echo "action: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
