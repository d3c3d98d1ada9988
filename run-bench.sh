#!/usr/bin/env bash
# Runs the benchmarks (bench/) against the packaged system and writes BENCHMARKS.md and bench/results/latest.json.
#   ./run-bench.sh            all of P1 to P5
#   ./run-bench.sh P3         only the named ones
#   ./run-bench.sh soak [minutes] [--outage-minutes N] [--seed S]
#                             the chaos soak (default 10 min): replicas, kills, broker restart, outages, poison
#   ./run-bench.sh --rebuild  package everything first (also done when a jar is missing)
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${1:-}" == "--rebuild" ]]; then
  shift
  rebuild=1
fi
if [[ -n "${rebuild:-}" || ! -f bench/target/bench-1.0.0-SNAPSHOT.jar || ! -f ticket-bridge/target/quarkus-app/quarkus-run.jar ]]; then
  ./mvnw -B -q -DskipTests package
fi
exec java -Xmx1g -Domnichannel.root="$PWD" -cp "bench/target/bench-1.0.0-SNAPSHOT.jar:bench/target/lib/*" \
  omnichannel.bench.Benchmarks "$@"
