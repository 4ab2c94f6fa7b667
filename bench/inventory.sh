#!/usr/bin/env bash
# Inventory performance: HCL parsing speed and loading a 100,000-resource state, with jq reading the same state
# in the same run as the reference for raw JSON work. Results: docs/benchmarks.md.
#   bench/inventory.sh            (BENCH_TF_MB=50 BENCH_RESOURCES=100000 change the inputs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tf_mb="${BENCH_TF_MB:-50}"
resources="${BENCH_RESOURCES:-100000}"
command -v jq >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq jq >&2; }

dotnet build "$root/bench/Hypercare.Bench/Hypercare.Bench.csproj" -c Release -o "$work/bin" --nologo -v quiet -clp:NoSummary >&2
bench() { dotnet "$work/bin/Hypercare.Bench.dll" "$@"; }

echo "== inputs"
bench make-tf "$root/samples/shop/infra" "$work/typical.tf" "$tf_mb"
bench make-state "$work/big.tfstate" "$resources"
ls -l "$work/typical.tf" "$work/big.tfstate" | awk '{printf "%s: %.1f MB\n", $9, $5/1e6}'

echo "== HCL parse ($tf_mb MB of the sample shop's Terraform, repeated; five rounds in one process, each from a collected heap)"
bench hcl-parse "$work/typical.tf" 5

echo "== state load ($resources resources; a fresh process each time, start-up included)"
for run in 1 2 3; do
  /usr/bin/time -f "  wall %e s, max RSS %M KB" dotnet "$work/bin/Hypercare.Bench.dll" load "$work/big.tfstate"
done

echo "== peer: jq counting the same state's resources (parse only, no model)"
for run in 1 2 3; do
  /usr/bin/time -f "  jq wall %e s, max RSS %M KB" jq '.resources | length' "$work/big.tfstate"
done
