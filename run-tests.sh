#!/usr/bin/env bash
# Every test: the modules' tests, then the system tests against the packaged services (the console's in a real
# headless Chromium). Needs a JDK 17; installs Debian's chromium and chromium-driver when missing (as root), the
# wrapper fetches Maven, PostgreSQL and Kafka are started by the tests themselves. Arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
tools/debian-packages.sh chromium:chromium chromedriver:chromium-driver
exec ./mvnw -B -ntp verify "$@"
