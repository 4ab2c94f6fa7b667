#!/usr/bin/env bash
# Side by side in one run: `hypercare stress url` against wrk, both loading Debian's nginx on loopback.
#   1. closed model, 64 connections, 10 s each: requests per client CPU-second (our figure includes start-up);
#   2. open model at 20,000 req/s (60 s by default): achieved rate, start delay (jitter), RSS sampled every 10 s;
#   3. coordinated omission: 1,000 req/s for 10 s while nginx is frozen (SIGSTOP) for 1 s; hypercare's
#      corrected and service-time percentiles and wrk's against the analytic expectation.
# Run from the repository root:  bench/stress-vs-wrk.sh [seconds-for-the-open-model]   (600 for the 10-minute run)
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
# Three pairs, alternating, so that a noisy moment on a shared machine does not decide the ratio alone.
pairs=()
for _ in 1 2 3; do
  pairs+=("$(measure wrk -t2 -c64 -d10s "$url")" "$(measure "$root/hypercare" stress url "$url" --vus 64 --duration 10s --json --quiet)")
done
python3 - "${pairs[@]}" <<'PY'
import json, re, statistics, sys
print("| closed model, 64 connections, 10 s | requests | req/s | client CPU s | requests per CPU-second |")
print("|---|---|---|---|---|")
ratios = []
for i in range(0, len(sys.argv) - 1, 2):
    w, h = json.loads(sys.argv[1 + i]), json.loads(sys.argv[2 + i])
    m = re.search(r"(\d+) requests in ([\d.]+)s", w["out"])
    wreq = int(m.group(1))
    res = json.loads(h["out"])
    hreq = res["requests"]["total"]
    print(f"| wrk -t2 -c64 | {wreq:,} | {wreq/float(m.group(2)):,.0f} | {w['cpu']:.2f} | {wreq/w['cpu']:,.0f} |")
    print(f"| hypercare stress url --vus 64 (incl. start-up) | {hreq:,} | {res['requests']['per_second']:,.0f} | {h['cpu']:.2f} | {hreq/h['cpu']:,.0f} |")
    ratios.append((hreq / h["cpu"]) / (wreq / w["cpu"]))
print(f"\nratio (hypercare / wrk, per CPU-second) of each pair: {', '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f}")
PY

# The launcher execs dotnet, so the background job's pid is the client's: sample its RSS every 10 s.
"$root/hypercare" stress url "$url" --rate 20000 --connections 64 --duration "${open_seconds}s" --json --quiet > "$work/open.json" 2>/dev/null &
client=$!
: > "$work/rss"
while kill -0 "$client" 2>/dev/null; do
  awk '/VmRSS/ {print $2}' "/proc/$client/status" 2>/dev/null >> "$work/rss" || true
  sleep 10
done
wait "$client" || true
python3 - "$work/open.json" "$work/rss" "$open_seconds" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); secs = float(sys.argv[3])
o = {"rss": [int(x) // 1024 for x in open(sys.argv[2]).read().split()]}
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
rss = o["rss"]
print(f"| client RSS every 10 s (MB) | {', '.join(str(x) for x in rss)} |")
print(f"| peak RSS, first minute / last minute | {max(rss[:6])} / {max(rss[-6:])} MB |")
PY

# Coordinated omission: a 1 s freeze of nginx in a 10 s run at 1,000 req/s.
freeze() { sleep 3; pkill -STOP -P "$(cat "$work/nginx.pid")"; sleep 1; pkill -CONT -P "$(cat "$work/nginx.pid")"; }
freeze & "$root/hypercare" stress url "$url" --rate 1000 --connections 64 --duration 10s --json --quiet > "$work/co.json" 2>/dev/null; wait
freeze & wrk -t2 -c64 -d10s --latency "$url" > "$work/co-wrk.txt"; wait
python3 - "$work/co.json" "$work/co-wrk.txt" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1])); w = open(sys.argv[2]).read()
def wrk_ms(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", w, re.M)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
# 10% of the requests are scheduled during the freeze and wait between 0 and 1 s: p(q) = (q - 0.9) / 0.1 s for q > 0.9.
expected = {"p95": 500.0, "p99": 900.0, "p99_9": 990.0}
print("\n| 1 s freeze, 1,000 req/s, 10 s | analytic | hypercare corrected | error | hypercare service time | wrk (closed loop) |")
print("|---|---|---|---|---|---|")
for k, label, wp in [("p95", "p95", None), ("p99", "p99", "99"), ("p99_9", "p99.9", None)]:
    c = r["latency"]["corrected"][k]; s = r["latency"]["service"][k]
    wv = f"{wrk_ms(wp):.1f} ms" if wp else "-"
    print(f"| {label} | {expected[k]:.0f} ms | {c:.1f} ms | {(c / expected[k] - 1) * 100:+.1f}% | {s:.1f} ms | {wv} |")
print(f"\nhypercare's note: {r['coordinated_omission']['note']}")
PY
