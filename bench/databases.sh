#!/usr/bin/env bash
# Slow-log digest beside pt-query-digest: a generated MySQL slow log of 100 MB and one of 1 GB, each read by
# `hypercare db digest LOG --json` and by pt-query-digest 3.2.1 in fresh processes (start-up included), with wall
# time and peak resident memory from /usr/bin/time. Both must find the same classes and the same number of events.
# Results: docs/benchmarks.md.
#   bench/databases.sh                 (BENCH_SIZES="100 1000" in MB, BENCH_SEED=8, BENCH_RUNS=1)
#   BENCH_SKIP_PEER_1GB=1 bench/databases.sh   skips pt-query-digest on files of 1 GB and more (several minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sizes="${BENCH_SIZES:-100 1000}"
seed="${BENCH_SEED:-8}"
runs="${BENCH_RUNS:-1}"
command -v pt-query-digest >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq percona-toolkit >&2; }
command -v jq >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq jq >&2; }

echo "== build (Release)"
dotnet build "$root/bench/Hypercare.Bench/Hypercare.Bench.csproj" -c Release -o "$work/bin" --nologo -v quiet -clp:NoSummary >&2
dotnet build "$root/src/Hypercare.Cli/Hypercare.Cli.csproj" -c Release -o "$work/cli" --nologo -v quiet -clp:NoSummary >&2
echo "  $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'), pt-query-digest $(pt-query-digest --version 2>/dev/null | awk '{print $NF}')"

# timed LABEL BYTES OUT -- COMMAND...: runs the command with its stdout in OUT, prints wall time, MB/s and peak RSS.
timed() {
  local label="$1" bytes="$2" out="$3"; shift 4
  /usr/bin/time -f "wall %e s, max RSS %M KB" -o "$work/time" "$@" > "$out"
  local wall rss
  wall=$(awk '{print $2}' "$work/time")
  rss=$(awk '{print $6}' "$work/time")
  awk -v l="$label" -v b="$bytes" -v w="$wall" -v r="$rss" 'BEGIN { printf "  %-16s wall %7.2f s  %7.1f MB/s  max RSS %5.0f MB\n", l, w, b / 1e6 / w, r / 1024 }'
}

for mb in $sizes; do
  log="$work/slow-$mb.log"
  echo "== $mb MB log"
  dotnet "$work/bin/Hypercare.Bench.dll" make-slowlog "$log" "$mb" "$seed" | sed 's/^/  /'
  bytes=$(stat -c %s "$log")
  cat "$log" > /dev/null # in the page cache for both tools
  for run in $(seq 1 "$runs"); do
    timed "hypercare" "$bytes" "$work/ours.json" -- dotnet "$work/cli/hypercare.dll" db digest "$log" --json
  done
  ours_classes=$(jq '.summary.classes' "$work/ours.json")
  ours_events=$(jq '.summary.events' "$work/ours.json")
  echo "  hypercare: $ours_classes classes, $ours_events events, $(jq '.summary.skipped_events' "$work/ours.json") skipped"
  if [ "${BENCH_SKIP_PEER_1GB:-0}" = 1 ] && [ "$mb" -ge 1000 ]; then
    echo "  pt-query-digest skipped (BENCH_SKIP_PEER_1GB=1)"
    continue
  fi
  for run in $(seq 1 "$runs"); do
    timed "pt-query-digest" "$bytes" "$work/pt.json" -- pt-query-digest --no-version-check --output json --limit 100%:100000 "$log"
  done
  pt_classes=$(jq '.classes | length' "$work/pt.json")
  pt_events=$(jq '[.classes[].query_count] | add' "$work/pt.json")
  echo "  pt-query-digest: $pt_classes classes, $pt_events events"
  # The same query IDs on both sides (ours prints 0x before the checksum); the JSON output lists the top 20 only,
  # so the IDs compared are those of our top 20, which must all be among the peer's.
  missing=$(jq -r '.classes[].query_id | ltrimstr("0x")' "$work/ours.json" | sort > "$work/ours.ids"; jq -r '.classes[].checksum' "$work/pt.json" | sort > "$work/pt.ids"; comm -23 "$work/ours.ids" "$work/pt.ids" | wc -l)
  if [ "$ours_classes" = "$pt_classes" ] && [ "$ours_events" = "$pt_events" ] && [ "$missing" = 0 ]; then
    echo "  same classes and events on both sides"
  else
    echo "  MISMATCH: classes $ours_classes vs $pt_classes, events $ours_events vs $pt_events, $missing of our top query IDs not in pt's"
  fi
done
