#!/usr/bin/env bash
# Sets up the Testcontainers path on a machine without Docker: Podman serving the Docker API, and the two images the
# module tests start (PostgreSQL and Kafka), built locally because no registry is reachable. Run as root, from the
# repository's root, after `./mvnw -DskipTests install` (the Kafka image takes the local-infra module's classpath):
#
#   local-infra/containers/setup-podman.sh
#   ./mvnw verify -Pcontainers -pl config-service,webhook-gateway,ticket-bridge,channel-whatsapp,channel-twitter -am
#
# What it does, and why:
# - installs podman, runc and debootstrap (Debian packages);
# - /etc/containers/containers.conf: the runc runtime, cgroupfs (no systemd here), host networking (no CNI setup
#   needed; each container listens on a free port chosen by the test) and no default ulimits (the sandbox refuses
#   to raise them);
# - a Debian bookworm base image from debootstrap (images cannot be pulled here), and on it
#   omnichannel/test-postgres (Debian's postgresql-15) and omnichannel/test-kafka (Debian's JRE and the very Kafka
#   jars and KRaft launcher of the embedded path);
# - `podman system service` on /run/podman/podman.sock, linked from /var/run/docker.sock where Testcontainers looks
#   (unless a Docker is there). The profile disables Ryuk (the reaper container): its image cannot be pulled; the
#   tests stop their containers themselves, at JVM exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc debootstrap
fi

mkdir -p /etc/containers
cat > /etc/containers/containers.conf <<'CONF'
[containers]
netns = "host"
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF

work=target/containers
mkdir -p "$work"

if ! podman image exists localhost/omnichannel/debian-base:bookworm; then
  rm -rf "$work/rootfs"
  # the machine's own Debian mirror (its apt sources), never one written here
  mirror=$(grep -hoE 'https?://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
    | grep -v security | head -1)
  [[ -n "$mirror" ]] || { echo "no Debian mirror in /etc/apt/sources.list*: debootstrap needs one" >&2; exit 1; }
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror"
  tar -C "$work/rootfs" -c . | podman import - localhost/omnichannel/debian-base:bookworm
  rm -rf "$work/rootfs"
fi

podman build --network host -t localhost/omnichannel/test-postgres:15 -f local-infra/containers/postgres.Containerfile \
  local-infra/containers

# the Kafka image runs omnichannel.infra.KafkaBroker, with the classpath the embedded path uses
rm -rf "$work/kafka" && mkdir -p "$work/kafka/lib"
./mvnw -B -q -pl local-infra dependency:copy-dependencies -DincludeScope=runtime \
  -DexcludeGroupIds=io.zonky.test.postgres,org.testcontainers -DoutputDirectory="$PWD/$work/kafka/lib"
cp local-infra/target/local-infra-*.jar "$work/kafka/lib/"
cp local-infra/containers/kafka.Containerfile "$work/kafka/Containerfile"
podman build --network host -t localhost/omnichannel/test-kafka:local "$work/kafka"

if [[ ! -S /run/podman/podman.sock ]]; then
  mkdir -p /run/podman
  nohup podman system service --time=0 unix:///run/podman/podman.sock > "$work/podman-service.log" 2>&1 &
  for _ in $(seq 100); do [[ -S /run/podman/podman.sock ]] && break; sleep 0.1; done
fi
# Testcontainers looks for the Docker socket here first; a real Docker's socket is left alone
if [[ ! -e /var/run/docker.sock ]]; then
  ln -s /run/podman/podman.sock /var/run/docker.sock
fi
echo "Podman serves the Docker API on /run/podman/podman.sock (and /var/run/docker.sock). Run the module tests with:"
echo "  ./mvnw verify -Pcontainers -pl config-service,webhook-gateway,ticket-bridge,channel-whatsapp,channel-twitter -am"
