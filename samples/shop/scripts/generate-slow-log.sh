#!/usr/bin/env bash
# Regenerates samples/shop/logs/slow.log from a real load run against the sample shop.
# Reproduce with:  samples/shop/scripts/generate-slow-log.sh   (needs wrk: apt-get install -y wrk)
# It starts the shop (Release build, default options: 20,000 products, a pool of 8 connections,
# long_query_time 10 ms unless LONG_QUERY_MS says otherwise) on 127.0.0.1 only, drives the purchase
# journey of journey.lua for DURATION (default 30s), prints the shop's metrics, stops it and copies its
# slow log into samples/shop/logs/. Nothing but loopback is ever addressed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${SHOP_PORT:-18080}"
duration="${DURATION:-30s}"
connections="${CONNECTIONS:-16}"
long_query_ms="${LONG_QUERY_MS:-10}"
base="http://127.0.0.1:${port}"
data="$(mktemp -d -t hypercare-shop-load.XXXXXX)"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

dotnet build -c Release "$here/ShopHost.cs" -o "$data/host" >&2
dotnet "$data/host/ShopHost.dll" "$base" "$data" "$long_query_ms" >"$data/host.log" 2>&1 &
host=$!
trap 'kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$host" 2>/dev/null || { cat "$data/host.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$base/healthz" >/dev/null

# One thread per connection: journey.lua keeps each connection's session and cart in its thread.
wrk -t "$connections" -c "$connections" -d "$duration" --latency -s "$here/journey.lua" "$base"

curl -fsS "$base/metrics" | grep -E '^(http_requests_total\{|shop_db_pool_queued_total |shop_db_pool_wait_seconds_(sum|count) |shop_payment_duration_seconds_(sum|count) )' >&2 || true
kill "$host"
wait "$host" 2>/dev/null || true
trap - EXIT

mkdir -p "$here/../logs"
cp "$data/slow.log" "$here/../logs/slow.log"
echo "slow log: $(grep -c '^# Time: ' "$here/../logs/slow.log") events, $(du -h "$here/../logs/slow.log" | cut -f1)" >&2
rm -rf "$data"
