#!/usr/bin/env bash
# Makes or rotates the Tink keyset that encrypts provider secrets at rest (config-service's OMNICHANNEL_SECRETS_KEYSET),
# printed on standard output for a Kubernetes Secret; no tinkey needed.
#   ./keyset.sh generate                 > keyset.json
#   ./keyset.sh rotate keyset.json       > rotated.json   (a new primary key; the old keys stay, old values still open)
set -euo pipefail
cd "$(dirname "$0")"
app=config-service/target/quarkus-app
if [[ ! -f $app/quarkus-run.jar ]]; then
  ./mvnw -B -q -DskipTests -pl config-service -am package >&2
fi
exec java -cp "$app/app/*:$app/lib/main/*" omnichannel.config.secrets.Keysets "$@"
