#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: data and unix socket in DIR, no TCP, no
# system service. As root the server runs as the `postgres` user (it refuses root).
# Usage: pg_cluster.sh start DIR   (prints the base URI; a running cluster in DIR is reused)
#        pg_cluster.sh stop DIR
# ANTRE_PG_FSYNC=on keeps fsync on (the benchmarks measure durable commits); tests leave it off.
set -euo pipefail

cmd=${1:?start or stop}
dir=${2:?cluster folder}
bin=/usr/lib/postgresql/15/bin
port=5432
as_owner=()
if [[ $(id -u) -eq 0 ]]; then as_owner=(runuser -u postgres --); fi

case "$cmd" in
start)
  if [[ ! -x $bin/initdb ]]; then
    echo "pg_cluster: PostgreSQL 15 is not installed (apt-get install postgresql)" >&2
    exit 1
  fi
  if [[ -f $dir/data/postmaster.pid ]] && "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    echo "postgresql:///postgres?host=$dir&port=$port&user=postgres"
    exit 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  if ((${#as_owner[@]})); then chown postgres "$dir"; fi
  "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # The tests' data is thrown away: no fsync keeps them fast. Durability is tested on SQLite's
  # files and the store's own rules; the benchmarks run PostgreSQL with fsync on.
  fsync=${ANTRE_PG_FSYNC:-off}
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
    -o "-k $dir -p $port -c listen_addresses='' -c fsync=$fsync -c max_connections=200" start >/dev/null ||
    { cat "$dir/log" >&2; exit 1; }
  echo "postgresql:///postgres?host=$dir&port=$port&user=postgres"
  ;;
stop)
  if [[ -d $dir/data ]]; then
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: pg_cluster.sh start|stop DIR" >&2
  exit 2
  ;;
esac
