#!/usr/bin/env bash
# Inspection performance: every rule and the resource assessment over a mixed 100,000-resource estate (state
# form), with jq answering one of the rules' questions (ingress rules open to the internet) over the same file
# in the same run as the reference for raw JSON work. Results: docs/benchmarks.md.
#   bench/inspection.sh            (BENCH_RESOURCES=100000 changes the estate's size)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
resources="${BENCH_RESOURCES:-100000}"
command -v jq >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq jq >&2; }

dotnet build "$root/bench/Hypercare.Bench/Hypercare.Bench.csproj" -c Release -o "$work/bin" --nologo -v quiet -clp:NoSummary >&2
bench() { dotnet "$work/bin/Hypercare.Bench.dll" "$@"; }

echo "== input"
bench make-estate "$work/estate.tfstate" "$resources"
ls -l "$work/estate.tfstate" | awk '{printf "%s: %.1f MB\n", $9, $5/1e6}'

echo "== inspection of the estate in memory: every rule, then the assessment (five rounds in one process)"
bench inspect "$work/estate.tfstate" 5

echo "== the whole command: read the state, inspect, print JSON (a fresh process each time, start-up included)"
cli="$work/cli"
dotnet build "$root/src/Hypercare.Cli/Hypercare.Cli.csproj" -c Release -o "$cli" --nologo -v quiet -clp:NoSummary >&2
for run in 1 2 3; do
  /usr/bin/time -f "  wall %e s, max RSS %M KB" dotnet "$cli/hypercare.dll" inspect "$work/estate.tfstate" --format json > "$work/out.json"
done
echo "  $(jq '.findings | length' "$work/out.json") findings"

echo "== peer: jq finding the ingress rules open to 0.0.0.0/0 (one rule's question; parse and filter only)"
for run in 1 2 3; do
  /usr/bin/time -f "  jq wall %e s, max RSS %M KB" jq '[.resources[] | select(.type == "alicloud_security_group_rule") | .instances[].attributes | select(.type == "ingress" and .cidr_ip == "0.0.0.0/0")] | length' "$work/estate.tfstate"
done
