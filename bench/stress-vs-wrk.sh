#!/usr/bin/env bash
# Side by side in one run: `hypercare stress url` against wrk, both loading Debian's nginx on loopback.
#   1. closed model, 64 connections, 10 s each: requests per client CPU-second (our figure includes start-up);
#   2. open model at 20,000 req/s for 60 s: achieved rate, start delay p99 (jitter), peak RSS.
# Run from the repository root:  bench/stress-vs-wrk.sh [seconds-for-the-open-model]
# Installs wrk and nginx with apt-get when missing (as root); everything it starts is stopped on exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
open_seconds="${1:-60}"
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then apt-get install -y -qq "${missing[@]}" >&2; fi

work=$(mktemp -d)
chmod 755 "$work"
cleanup() { [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/html" "$work/logs"
echo "hello from nginx" > "$work/html/index.html"
port=18089
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  server { listen 127.0.0.1:$port; root $work/html; keepalive_requests 100000000; } }
CONF
/usr/sbin/nginx -p "$work" -c "$work/nginx.conf"
sleep 0.5
url="http://127.0.0.1:$port/index.html"
"$root/hypercare" --help >/dev/null   # build once, outside the measurement

# CPU seconds (user + system) and peak RSS of a command and its children.
measure() { python3 - "$@" <<'PY'
import resource, subprocess, sys, json
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"cpu": r.ru_utime + r.ru_stime, "rss_mb": r.ru_maxrss / 1024, "out": p.stdout, "err": p.stderr[-2000:], "code": p.returncode}))
PY
}

echo "# stress-vs-wrk on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
wrk_json=$(measure wrk -t2 -c64 -d10s "$url")
hc_json=$(measure "$root/hypercare" stress url "$url" --vus 64 --duration 10s --json --quiet)
python3 - "$wrk_json" "$hc_json" <<'PY'
import json, re, sys
w, h = json.loads(sys.argv[1]), json.loads(sys.argv[2])
m = re.search(r"(\d+) requests in ([\d.]+)s", w["out"])
wreq = int(m.group(1))
res = json.loads(h["out"])
hreq = res["requests"]["total"]
print("| closed model, 64 connections, 10 s | requests | req/s | client CPU s | requests per CPU-second |")
print("|---|---|---|---|---|")
print(f"| wrk -t2 -c64 | {wreq:,} | {wreq/float(m.group(2)):,.0f} | {w['cpu']:.2f} | {wreq/w['cpu']:,.0f} |")
print(f"| hypercare stress url --vus 64 (incl. start-up) | {hreq:,} | {res['requests']['per_second']:,.0f} | {h['cpu']:.2f} | {hreq/h['cpu']:,.0f} |")
print(f"\nratio (hypercare / wrk, per CPU-second): {(hreq/h['cpu'])/(wreq/w['cpu']):.2f}")
PY

open_json=$(measure "$root/hypercare" stress url "$url" --rate 20000 --connections 64 --duration "${open_seconds}s" --json --quiet)
python3 - "$open_json" "$open_seconds" <<'PY'
import json, sys
o = json.loads(sys.argv[1]); secs = float(sys.argv[2])
r = json.loads(o["out"])
target = 20000
achieved = r["requests"]["total"] / secs
print(f"\n| open model, 20,000 req/s for {secs:.0f} s | value |")
print("|---|---|")
print(f"| scheduled starts | {r['starts']['intended']:,} |")
print(f"| requests completed | {r['requests']['total']:,} |")
print(f"| achieved rate | {achieved:,.0f}/s ({(achieved/target-1)*100:+.2f}% of target) |")
print(f"| start delay p50 / p99 / max | {r['starts']['delay']['p50']} / {r['starts']['delay']['p99']} / {r['starts']['delay']['max']} ms |")
print(f"| late / dropped starts | {r['starts']['late']:,} / {r['starts']['dropped']:,} |")
print(f"| corrected p99 / service p99 | {r['latency']['corrected']['p99']} / {r['latency']['service']['p99']} ms |")
print(f"| peak RSS of the client | {o['rss_mb']:.0f} MB |")
print(f"| client CPU | {o['cpu']:.1f} s |")
PY
