#!/usr/bin/env bash
# Regenerates samples/shop/logs/slow.log from a real load run: the sample shop under its own stress plan.
# Reproduce with:  samples/shop/scripts/generate-slow-log.sh
# Starts `hypercare sample shop` on 127.0.0.1:8080 (20,000 products, a pool of 8 connections, long_query_time
# LONG_QUERY_TIME, default 2ms so that the unindexed search shows even at this modest rate) with a throw-away
# data directory, runs samples/shop/stress.yaml against it
# within the sample engagement's scope, stops the shop and copies its slow log into samples/shop/logs/.
# Nothing but loopback is ever addressed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
base="http://127.0.0.1:8080"
data="$(mktemp -d -t hypercare-shop-load.XXXXXX)"

"$root/hypercare" --help >/dev/null   # build once, before the shop starts
"$root/hypercare" sample shop --urls "$base" --data "$data" --long-query-time "${LONG_QUERY_TIME:-2ms}" >"$data/shop.log" 2>&1 &
shop=$!
trap 'kill "$shop" 2>/dev/null || true; wait "$shop" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$shop" 2>/dev/null || { cat "$data/shop.log" >&2; exit 1; }
  sleep 0.5
done

# The plan's thresholds may fail (the shop is built to degrade); the log is what this run is for.
"$root/hypercare" stress run "$root/samples/shop/stress.yaml" --engagement "$root/samples/shop/hypercare.yaml" --quiet || true

curl -fsS "$base/metrics" | grep -E '^(shop_db_pool_queued_total |shop_db_pool_wait_seconds_(sum|count) |shop_payment_duration_seconds_(sum|count) )' >&2 || true
kill "$shop"; wait "$shop" 2>/dev/null || true
mkdir -p "$here/../logs"
cp "$data/slow.log" "$here/../logs/slow.log"
echo "slow log: $(grep -c '^# Time: ' "$here/../logs/slow.log") events, $(du -h "$here/../logs/slow.log" | cut -f1)" >&2
