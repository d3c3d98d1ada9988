#!/usr/bin/env bash
# Runs the whole system on this machine, no Docker needed: PostgreSQL and Kafka embedded, the simulators
# (4biz, Twilio) and every service as separate processes.
#
#   ./run-local.sh                 build if needed, start everything, Ctrl-C stops it all
#   ./run-local.sh demo [text]     send a signed WhatsApp message to the running system and show the result
#   ./run-local.sh demo-x [text]   the same with an X direct message (signed webhook event, answer DM)
#   ./run-local.sh --rebuild       rebuild before starting
set -euo pipefail
cd "$(dirname "$0")"

modules=(config-service webhook-gateway ticket-bridge channel-whatsapp channel-twitter simulators)
needs_build=false
if [[ "${1:-}" == "--rebuild" ]]; then
  needs_build=true
  shift
fi
for module in "${modules[@]}"; do
  [[ -f "$module/target/quarkus-app/quarkus-run.jar" ]] || needs_build=true
done
[[ -d running-system/target/lib ]] || needs_build=true

if [[ "${1:-start}" == "start" && "$needs_build" == true ]]; then
  echo "Building (once; ./run-local.sh --rebuild to build again) ..."
  ./mvnw -q -DskipTests -Dformat install
fi

exec java -Domnichannel.root="$PWD" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "running-system/target/running-system-1.0.0-SNAPSHOT.jar:running-system/target/lib/*" \
  omnichannel.system.LocalRun "${@:-start}"
