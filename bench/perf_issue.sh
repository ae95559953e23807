#!/usr/bin/env bash
# Server-side cost of a ticket: runs antre-bench's issue scenario (20,000 tickets in all) and
# counts the antre-server process's context switches and CPU time with `perf stat`, per ticket.
# Usage: bench/perf_issue.sh [BUILD_DIR] [DATABASE_DIR]
#   BUILD_DIR     where bench/antre-bench was built (default build-bench)
#   DATABASE_DIR  where the databases go (default: a scratch folder under BUILD_DIR; a tmpfs
#                 such as /dev/shm/antre-perf takes the disk's fsync out of the figure)
# ANTRE_BENCH_SERVER / ANTRE_BENCH_OFFICE measure another build's server, as in scripts/bench.
# Needs `perf` (Debian's linux-perf) and permission to attach to a process.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
dir=${2:-$build/perf-issue}
command -v perf >/dev/null || { echo "perf_issue: perf is missing (apt-get install linux-perf)" >&2; exit 2; }
rm -rf "$dir" && mkdir -p "$dir"
out=$(mktemp) stat=$(mktemp)
trap 'rm -f "$out" "$stat"' EXIT
ANTRE_BENCH_DIR=$dir "$build/bench/antre-bench" --runs 1 --only issue >"$out" 2>&1 &
bench=$!
pid=""
for _ in $(seq 200); do
  pid=$(pgrep -n -P "$bench" antre-server || true)
  [[ -n $pid ]] && break
  sleep 0.05
done
[[ -n $pid ]] || { echo "perf_issue: no antre-server started" >&2; cat "$out" >&2; exit 1; }
perf stat -e context-switches,task-clock -p "$pid" 2>"$stat" >/dev/null || true
wait "$bench"
grep -E 'tickets/s|raw' "$out"
awk '/context-switches/ { gsub(",", "", $1); cs = $1 }
     /task-clock/ { gsub(",", "", $1); ms = $1 }
     END { printf "per ticket: %.1f context switches, %.0f us of server CPU\n", cs / 20000, ms * 1000 / 20000 }' "$stat"
