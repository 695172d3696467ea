#!/usr/bin/env bash
# Installs the Debian tools that the end-to-end tests drive: neovim (a real LSP
# client), shellcheck (generated install scripts), pre-commit (our hooks) and
# Go 1.19 (golang-1.19-go: the tests build upstream's parser and printer from
# ../shared/oracle for the differential tests).
# Tests that need a tool skip with a message when it is still missing.
set -u
bash "$(dirname "$0")/install-vscode-e2e.sh" # code-server and chromium for packages/vscode's e2e test (here, before the early exits)
missing=()
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v pre-commit >/dev/null 2>&1 || missing+=(pre-commit)
[ -x /usr/lib/go-1.19/bin/go ] || command -v go >/dev/null 2>&1 || missing+=(golang-1.19-go)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "install-test-tools: cannot install ${missing[*]} (not root); their tests will skip"
  exit 0
fi
SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo -n"
export DEBIAN_FRONTEND=noninteractive
echo "install-test-tools: installing ${missing[*]}"
$SUDO apt-get update -qq >/dev/null 2>&1 || true
# One package at a time: a package the mirror lacks does not keep the others out.
for package in "${missing[@]}"; do
  $SUDO apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1 \
    || echo "install-test-tools: apt-get could not install $package; its tests will skip"
done
exit 0
