#!/usr/bin/env bash
# Installs what packages/vscode/test/e2e-code-server.test.ts drives: code-server 4.100.3
# (VS Code 1.100.3, the newest release that runs on Node 20) under .tools/code-server, and
# Debian's chromium. Idempotent and quiet: a finished install is marked by
# .tools/code-server/ready-<version>, which holds the path of the Node that built its native
# modules (the test starts code-server with that Node, also in the Node 22 run). When it cannot
# install (not root, offline, not Node 20, a build failure) it says why and exits 0: the test
# then skips with a message. The full log of a run is .tools/code-server/install.log.
set -u
version=4.100.3
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools/code-server"
ready="$tools/ready-$version"
log="$tools/install.log"
chromium=/usr/lib/chromium/chromium

skip() {
  echo "install-vscode-e2e: $*; the code-server end-to-end test will skip"
  exit 0
}

if [ -f "$ready" ] && [ -x "$chromium" ] && [ -x "$(cat "$ready")" ]; then exit 0; fi
[ "$(id -u)" = 0 ] || skip "not root (code-server needs Debian packages)"
node_bin=$(command -v node) || skip "node is not on the PATH"
node_major=$("$node_bin" -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || skip "code-server $version needs Node 20 to build (this is Node $node_major)"
command -v npm >/dev/null 2>&1 || skip "npm is not on the PATH"

# Debian packages: the browser, ripgrep (code-server's own download needs GitHub), and what the
# native modules build with (kerberos needs the krb5 headers).
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
for package in libkrb5-dev g++ make python3; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || skip "apt-get could not install ${missing[*]}"
fi
rg_bin=$(command -v rg) || skip "ripgrep is missing"

timeout 30 npm view "code-server@$version" version >/dev/null 2>&1 || skip "the npm registry is not reachable (offline?)"

echo "install-vscode-e2e: installing code-server $version into .tools/code-server (about 3 minutes, once)"
rm -rf "$tools"
mkdir -p "$tools"
: >"$log"
fail() {
  echo "install-vscode-e2e: $* (see .tools/code-server/install.log); the code-server end-to-end test will skip"
  exit 0
}
run() {
  echo "+ $*" >>"$log"
  "$@" >>"$log" 2>&1
}

# A package.json of its own, so that npm installs here and not into the repository.
echo '{ "private": true }' >"$tools/package.json"
cd "$tools" || fail "cannot enter $tools"
# Its postinstall would download ripgrep from GitHub: install without scripts, then do its steps here.
run npm install --ignore-scripts --no-audit --no-fund --no-package-lock "code-server@$version" \
  || fail "npm could not install code-server $version"
code_server="$tools/node_modules/code-server"
vscode="$code_server/lib/vscode"

cd "$vscode" || fail "code-server has no lib/vscode"
run npm install --omit=dev --ignore-scripts --no-audit --no-fund || fail "npm could not install VS Code's dependencies"
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$rg_bin" node_modules/@vscode/ripgrep/bin/rg || fail "cannot copy ripgrep"

# The native modules, built with npm's own node-gyp (their install scripts would try GitHub
# prebuilds first; node-pty's postinstall also fetches another node-gyp, for an IDE file).
npm_root=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
node_gyp="$npm_root/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$node_gyp" ] || fail "npm ships no node-gyp at $node_gyp"
# The headers of the installed Node when it has them (nodejs.org may be out of reach).
gyp_options=(--jobs=2)
node_dir=$(dirname "$(dirname "$(readlink -f "$node_bin")")")
if [ -f "$node_dir/include/node/node.h" ]; then gyp_options+=("--nodedir=$node_dir"); else node_dir=""; fi
for module in kerberos native-watchdog @vscode/spdlog @vscode/deviceid node-pty; do
  (cd "node_modules/$module" && run "$node_bin" "$node_gyp" rebuild "${gyp_options[@]}") || fail "could not build $module"
done
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)

cd "$tools" || fail "cannot enter $tools"
npm_config_build_from_source=true npm_config_nodedir="$node_dir" run npm rebuild argon2 || fail "could not build argon2"

echo "$node_bin" >"$ready"
echo "install-vscode-e2e: code-server $version is ready"
exit 0
