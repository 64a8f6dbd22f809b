#!/usr/bin/env bash
# action.yml, step 1: install a released lscb binary for this runner.
#
# Downloads lscb-TAG-TARGET.tar.gz (.zip on Windows) and SHA256SUMS from the
# GitHub release with `gh release download`, checks the archive's SHA-256
# against SHA256SUMS, unpacks lscb into $RUNNER_TEMP/lscb/bin and puts that on
# $GITHUB_PATH, so later steps of the job can run `lscb` too.
#
# Environment (action.yml sets it from the inputs; nothing here is expanded
# by the workflow engine):
#   LSCB_VERSION        `latest` or a release tag, v1.2.3 (1.2.3 is taken as v1.2.3)
#   LSCB_REPOSITORY     OWNER/REPO to download from (default: the repository
#                       this action was taken from, else $GITHUB_REPOSITORY)
#   GH_TOKEN            for gh (action.yml: the `token` input, github.token)
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_PATH, GITHUB_OUTPUT,
#   GITHUB_ACTION_PATH  as GitHub Actions sets them
# Written for bash 3.2 as well (macOS's /bin/bash).
set -euo pipefail

fail() {
    echo "::error title=lscb install::$*"
    exit 1
}

version=${LSCB_VERSION:-latest}
case $version in
    latest) tag= ;;
    v[0-9]*) tag=$version ;;
    [0-9]*) tag=v$version ;;
    *) fail "version \"$version\" is neither \`latest\` nor a release tag such as v1.2.3" ;;
esac
if [[ -n $tag && ! $tag =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
    fail "version \"$version\" is neither \`latest\` nor a release tag such as v1.2.3"
fi

# The repository the action was taken from: github.action_repository is empty
# inside composite actions (actions/runner#2473), but the runner unpacks an
# action OWNER/REPO@REF into .../_actions/OWNER/REPO/REF.
repo=${LSCB_REPOSITORY:-}
if [[ -z $repo ]]; then
    action_path=${GITHUB_ACTION_PATH//\\//}
    if [[ $action_path == */_actions/*/*/* ]]; then
        rest=${action_path#*/_actions/}
        owner=${rest%%/*}
        rest=${rest#*/}
        repo=$owner/${rest%%/*}
    else
        # `uses: ./` in lscb's own repository.
        repo=${GITHUB_REPOSITORY:?not running in GitHub Actions}
    fi
fi

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
    Linux/X64) target=x86_64-unknown-linux-musl ext=tar.gz exe=lscb ;;
    Linux/ARM64) target=aarch64-unknown-linux-musl ext=tar.gz exe=lscb ;;
    macOS/ARM64) target=aarch64-apple-darwin ext=tar.gz exe=lscb ;;
    macOS/X64) target=x86_64-apple-darwin ext=tar.gz exe=lscb ;;
    # Windows on Arm runs the x86_64 build under emulation.
    Windows/X64 | Windows/ARM64) target=x86_64-pc-windows-msvc ext=zip exe=lscb.exe ;;
    *) fail "no lscb release for a ${RUNNER_OS:-?} ${RUNNER_ARCH:-?} runner (Linux x86_64/arm64, macOS, Windows x86_64)" ;;
esac

temp=$RUNNER_TEMP
# On Windows, D:/a/_temp rather than D:\a\_temp: one spelling that bash,
# GITHUB_PATH and the step that runs lscb all read the same way.
if command -v cygpath >/dev/null 2>&1; then
    temp=$(cygpath -m "$temp")
fi
work="$temp/lscb"
rm -rf "$work"
mkdir -p "$work/download" "$work/bin"
cd "$work/download"

echo "Downloading lscb ${tag:-(latest release)} for $target from $repo"
# With no tag, gh takes the latest release.
if ! gh release download ${tag:+"$tag"} --repo "$repo" \
    --pattern "lscb-*-$target.$ext" --pattern SHA256SUMS; then
    fail "could not download lscb ${tag:-(latest)} for $target from the releases of $repo"
fi

shopt -s nullglob
archives=(lscb-*-"$target.$ext")
[[ ${#archives[@]} -eq 1 ]] || fail "expected one lscb archive for $target in the release, found ${#archives[@]}"
archive=${archives[0]}
[[ -f SHA256SUMS ]] || fail "the release has no SHA256SUMS"

expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' SHA256SUMS)
[[ -n $expected ]] || fail "SHA256SUMS has no line for $archive"
if command -v sha256sum >/dev/null 2>&1; then
    actual=$(sha256sum "$archive" | awk '{ print $1 }')
else
    actual=$(shasum -a 256 "$archive" | awk '{ print $1 }')
fi
if [[ $actual != "$expected" ]]; then
    fail "checksum mismatch for $archive: SHA256SUMS says $expected, the download is $actual"
fi
echo "$archive: SHA-256 $actual matches SHA256SUMS"

case $archive in
    *.zip)
        if command -v unzip >/dev/null 2>&1; then
            unzip -q "$archive"
        else
            # shellcheck disable=SC2016 # PowerShell expands $env:ARCHIVE itself.
            ARCHIVE=$archive pwsh -NoProfile -NonInteractive -Command \
                'Expand-Archive -LiteralPath $env:ARCHIVE -DestinationPath .'
        fi
        ;;
    *) tar -xzf "$archive" ;;
esac

folder=${archive%."$ext"}
[[ -f "$folder/$exe" ]] || fail "$archive holds no $folder/$exe"
mv "$folder/$exe" "$work/bin/$exe"
chmod +x "$work/bin/$exe"
rm -rf "$work/download"

installed=$("$work/bin/$exe" --version)
echo "Installed $installed at $work/bin/$exe"
echo "$work/bin" >> "$GITHUB_PATH"
{
    echo "path=$work/bin/$exe"
    echo "version=${installed#lscb }"
} >> "$GITHUB_OUTPUT"
