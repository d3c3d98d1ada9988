#!/usr/bin/env bash
# Runs the benchmarks (bench/) against the packaged system and writes BENCHMARKS.md and bench/results/latest.json.
#   ./run-bench.sh            all of P1 to P5
#   ./run-bench.sh P3         only the named ones
#   ./run-bench.sh P6         the build's own time: .ci/run (./mvnw verify) on a fresh clone (bar: 15 minutes)
#   ./run-bench.sh soak [minutes] [--outage-minutes N] [--seed S]
#                             the chaos soak (default 10 min): replicas, kills, broker restart, outages, poison
#   ./run-bench.sh profile    flame graphs of the gateway and the bridge under load (bench/profiles/)
#   ./run-bench.sh --rebuild  package everything first (also done when a jar is missing)
# P1 drives wrk (Debian's package), installed here when missing and this runs as root; profile draws its PNGs with
# headless Chromium when installed.
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${1:-}" == "--rebuild" ]]; then
  shift
  rebuild=1
fi
if [[ -n "${rebuild:-}" || ! -f bench/target/bench-1.0.0-SNAPSHOT.jar || ! -f ticket-bridge/target/quarkus-app/quarkus-run.jar ]]; then
  ./mvnw -B -q -DskipTests package
fi
tools/debian-packages.sh wrk:wrk || echo "P1 needs wrk" >&2
exec java -Xmx1g -Djava.awt.headless=true -Domnichannel.root="$PWD" -cp "bench/target/bench-1.0.0-SNAPSHOT.jar:bench/target/lib/*" \
  omnichannel.bench.Benchmarks "$@"
