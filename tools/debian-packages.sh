#!/usr/bin/env bash
# Installs the Debian packages named as arguments ("command:package" pairs) when their command is missing: as root
# with apt-get, otherwise it says what to install and fails. Used by system-tests' build (Chromium and ChromeDriver for
# the console's browser test, nginx and openssl for its TLS proxy test), deploy's build (promtool, from prometheus, for
# the alert rules' tests) and run-bench.sh (wrk).
#   tools/debian-packages.sh chromium:chromium chromedriver:chromium-driver
set -euo pipefail
missing=()
for pair in "$@"; do
  command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
(( ${#missing[@]} == 0 )) && exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]} ..."
  apt-get install -y -q "${missing[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
else
  echo "Missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
