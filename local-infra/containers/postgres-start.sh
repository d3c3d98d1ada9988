#!/bin/sh
# A throw-away server: a fresh cluster on every start, password authentication for the user postgres, listening on
# 127.0.0.1:$PGPORT (host networking), tuned as the embedded path is (no fsync, room for every test's pools).
set -eu
data=/tmp/pgdata
printf '%s\n' "${POSTGRES_PASSWORD:?}" > /tmp/pwfile
/usr/lib/postgresql/15/bin/initdb -D "$data" -U postgres --auth=scram-sha-256 --pwfile=/tmp/pwfile >/dev/null
rm /tmp/pwfile
exec /usr/lib/postgresql/15/bin/postgres -D "$data" -p "${PGPORT:-5432}" -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories=/tmp -c fsync=off -c max_connections=300
