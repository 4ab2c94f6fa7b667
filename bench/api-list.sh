#!/usr/bin/env bash
# Throughput and latency of GET /api/v1/engagements with a personal access token, on SQLite and on
# PostgreSQL, beside nginx serving the same response body as a static file, all in one run and with the
# same wrk settings. Prints a Markdown table. Run from the repository root:
#
#   bench/api-list.sh
#
# Installs wrk and nginx with apt-get when they are missing (as root), builds ./hypercare, and starts
# PostgreSQL's local cluster as test.sh does; without root, PostgreSQL is skipped. Everything it starts
# (servers, nginx, the throw-away database, the temporary directory) is stopped or removed on exit.
# Only 127.0.0.1 is loaded.
#
# Settings (environment): BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_DURATION (20s),
# BENCH_WARMUP (5s), BENCH_ENGAGEMENTS (20).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-32}"
duration="${BENCH_DURATION:-20s}"
warmup="${BENCH_WARMUP:-5s}"
engagements="${BENCH_ENGAGEMENTS:-20}"

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

# ---------------------------------------------------------------- tools
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    die "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
  fi
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

log "building ./hypercare (Release)"
./hypercare --help >/dev/null

# ---------------------------------------------------------------- clean-up
work="$(mktemp -d -t hypercare-bench.XXXXXX)"
pids=()
pg_port=""
pg_db=""
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$pg_db" ]; then
    runuser -u postgres -- psql -p "$pg_port" -q -c "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null 2>&1 || log "could not drop the database $pg_db"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Stops one process this script started, and forgets it (so that clean-up never signals a reused id).
stop() {
  local pid=$1 kept=() p
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${pids[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  pids=("${kept[@]}")
}

# A port on 127.0.0.1 that nothing listens on.
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# ---------------------------------------------------------------- wrk
# Runs wrk and sets result to "requests/s|p50 ms|p99 ms|errors" from its --latency report.
# (Functions set globals rather than print, so that they run in this shell and its trap sees every process.)
result=""
measure() {
  local url=$1 name=$2; shift 2
  wrk -t"$threads" -c"$connections" -d"$warmup" "$@" "$url" >/dev/null
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url" >"$work/$name.wrk"
  cat "$work/$name.wrk" >&2
  result=$(awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%d|%.2f|%.2f|%d\n", rps, p50, p99, errors }
  ' "$work/$name.wrk")
}

# ---------------------------------------------------------------- Hypercare
password="bench-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
email="bench-admin@provider.example"

json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }

# Starts the server on a database, fills it, measures the list; sets result.
run_hypercare() {
  local name=$1 db=$2 port base jar secret org code i
  port=$(free_port 18480)
  base="http://127.0.0.1:$port"
  jar="$work/$name.cookies"
  log "$name: serving on $base"
  ./hypercare --db "$db" serve --urls "$base" >"$work/$name.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  for i in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; die "$name: the server stopped"; }
    code=$(curl -s -o /dev/null -w '%{http_code}' "$base/openapi/v1.json" || true)
    [ "$code" = 200 ] && break
    [ "$i" = 120 ] && die "$name: the server did not answer within 60 s"
    sleep 0.5
  done

  printf '%s\n' "$password" | ./hypercare --db "$db" admin create-user --email "$email" --name "Bench Admin" \
    --organization "Bench Provider" --administrator --password-stdin >&2
  code=$(curl -s -o "$work/$name.out" -w '%{http_code}' -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/signin")
  [ "$code" = 204 ] || { cat "$work/$name.out" >&2; die "$name: sign-in answered $code"; }
  secret=$(curl -sf -b "$jar" -H 'Content-Type: application/json' \
    -d '{"name":"bench","scope":"read","expires_in_days":30}' "$base/api/v1/tokens" | json_field secret)
  [ -n "$secret" ] || die "$name: no token"
  org=$(curl -sf -b "$jar" -H 'Content-Type: application/json' -d '{"name":"Sample Shop Inc."}' "$base/api/v1/organizations" | json_field id)
  [ -n "$org" ] || die "$name: no organization"
  for i in $(seq 1 "$engagements"); do
    code=$(curl -s -o "$work/$name.out" -w '%{http_code}' -b "$jar" -H 'Content-Type: application/yaml' \
      --data-binary @samples/shop/hypercare.yaml "$base/api/v1/engagements?organization_id=$org")
    [ "$code" = 201 ] || { cat "$work/$name.out" >&2; die "$name: import $i answered $code"; }
  done

  curl -sf -H "Authorization: Bearer $secret" "$base/api/v1/engagements" -o "$work/$name.json" || die "$name: the list failed"
  log "$name: $engagements engagements, response $(wc -c <"$work/$name.json") bytes; wrk $duration after $warmup warm-up"
  measure "$base/api/v1/engagements" "$name" -H "Authorization: Bearer $secret"

  stop "$pid"
}

# PostgreSQL's local cluster (newest version), started as test.sh starts it; sets pg_port.
# shellcheck source=../scripts/postgres-cluster.sh
. "$root/scripts/postgres-cluster.sh"
start_postgres() {
  [ "$(id -u)" = 0 ] || return 1
  pg_port=$(postgres_cluster_up)
}

results=()
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

sqlite_db="$work/bench.db"
run_hypercare sqlite "$sqlite_db"
results+=("Hypercare|SQLite|$result")

if start_postgres && [ -n "$pg_port" ]; then
  pg_db="hypercare_bench_$$"
  pg_password="bench-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  runuser -u postgres -- psql -p "$pg_port" -v ON_ERROR_STOP=1 -q >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hypercare_bench') THEN
    CREATE ROLE hypercare_bench LOGIN;
  END IF;
END \$\$;
ALTER ROLE hypercare_bench PASSWORD '$pg_password';
CREATE DATABASE "$pg_db" OWNER hypercare_bench;
SQL
  run_hypercare postgres "Host=127.0.0.1;Port=$pg_port;Database=$pg_db;Username=hypercare_bench;Password=$pg_password"
  results+=("Hypercare|PostgreSQL|$result")
else
  pg_port=""
  log "PostgreSQL is not available (needs root and the postgresql package): skipped"
  results+=("Hypercare|PostgreSQL|skipped|-|-|-")
fi

# ---------------------------------------------------------------- nginx
# The same body as a static file: what this machine and wrk can do for a response of this size.
www="$work/www/api/v1"
mkdir -p "$www" "$work/nginx-temp"
cp "$work/sqlite.json" "$www/engagements"
chmod -R a+rX "$work"
nginx_port=$(free_port 18580)
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx-temp/body;
  proxy_temp_path $work/nginx-temp/proxy;
  fastcgi_temp_path $work/nginx-temp/fastcgi;
  uwsgi_temp_path $work/nginx-temp/uwsgi;
  scgi_temp_path $work/nginx-temp/scgi;
  types { }
  default_type application/json;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
CONF
log "nginx: serving the same body on http://127.0.0.1:$nginx_port"
"$nginx_bin" -p "$work" -c "$work/nginx.conf" 2>>"$work/nginx-error.log" &
nginx_pid=$!
pids+=("$nginx_pid")
for i in $(seq 1 50); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$nginx_port/api/v1/engagements" || true)" = 200 ] && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx-error.log" >&2; die "nginx stopped"; }
  [ "$i" = 50 ] && die "nginx did not answer"
  sleep 0.1
done
measure "http://127.0.0.1:$nginx_port/api/v1/engagements" nginx
results+=("nginx (static file, same body)|-|$result")

# ---------------------------------------------------------------- report
echo
echo "GET /api/v1/engagements, $engagements engagements ($(wc -c <"$work/sqlite.json") bytes of JSON), read token;"
echo "wrk -t$threads -c$connections -d$duration --latency after a $warmup warm-up; $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ);"
echo "load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
echo "| server | database | requests/s | p50 (ms) | p99 (ms) | errors |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
for row in "${results[@]}"; do
  echo "| ${row//|/ | } |"
done
