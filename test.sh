#!/usr/bin/env bash
# Runs every test of the solution and ends with one line: "N passed, N failed, N skipped".
# Installs what the tests need when it is missing (apt-get, as root) and starts PostgreSQL.
# With CI=true, a test that needs a service the run could not provide fails instead of skipping.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

log() { echo "test.sh: $*" >&2; }

# ---------------------------------------------------------------- packages
missing=()
command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)   # the browser tests drive Debian's Chromium; nothing is downloaded
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)   # the stress engine is tested against nginx
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)   # promtool checks the sample shop's /metrics
[ -x /usr/bin/prometheus-node-exporter ] || missing+=(prometheus-node-exporter)   # capacity sampling scrapes a real exporter
command -v npm >/dev/null 2>&1 || missing+=(npm)   # fetches the SARIF schema the inspection's output is checked against
command -v pt-query-digest >/dev/null 2>&1 || missing+=(percona-toolkit)   # the slow-log digest is compared with pt-query-digest and pt-fingerprint
# index advice is verified with hypothetical indexes (HypoPG) on the local PostgreSQL: the extension of its version
pg_version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
ls /usr/share/postgresql/*/extension/hypopg.control >/dev/null 2>&1 || missing+=("postgresql-${pg_version:-15}-hypopg")
command -v mariadb >/dev/null 2>&1 && [ -x /etc/init.d/mariadb ] || missing+=(mariadb-server)   # index advice is verified with EXPLAIN on MariaDB too
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2 || log "apt-get failed; tests that need ${missing[*]} will skip (or fail with CI=true)"
  else
    log "missing ${missing[*]} and not root: tests that need them will skip (or fail with CI=true)"
  fi
fi

# ---------------------------------------------------------------- SARIF schema
# The inspection's SARIF output is validated against OASIS's SARIF 2.1.0 schema (rtm.5), which Microsoft's
# jest-sarif package on npm carries. It is fetched, not kept in the repository.
sarif_schema="$root/.artifacts/schemas/sarif-2.1.0.json"
if [ ! -s "$sarif_schema" ] && command -v npm >/dev/null 2>&1; then
  tmp=$(mktemp -d)
  if (cd "$tmp" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null 2>&1 \
      && tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json); then
    mkdir -p "$(dirname "$sarif_schema")"
    cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$sarif_schema"
  else
    log "could not fetch the SARIF schema from npm: its test will skip (or fail with CI=true)"
  fi
  rm -rf "$tmp"
fi
export HYPERCARE_SARIF_SCHEMA="$sarif_schema"

# ---------------------------------------------------------------- PostgreSQL
# shellcheck source=scripts/postgres-cluster.sh
. "$root/scripts/postgres-cluster.sh"
# A cluster of the newest installed version on 127.0.0.1:5432, a role that may create databases
# (each test creates and drops its own), and the connection string the tests read.
start_postgres() {
  local port
  port=$(postgres_cluster_up) || return 1
  # pg_stat_statements, which the PostgreSQL digest's test compares with the server's log (one restart, once).
  postgres_preload_pg_stat_statements "$port" || log "pg_stat_statements cannot be loaded: its comparison will be left out"
  runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -q >&2 <<SQL || return 1
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hypercare_test') THEN
    CREATE ROLE hypercare_test LOGIN CREATEDB PASSWORD 'hypercare_test';
  END IF;
END \$\$;
-- Dropping a test database WITH (FORCE) ends its sessions, autovacuum's too.
GRANT pg_signal_backend TO hypercare_test;
-- The PostgreSQL log digest's test turns statement logging on for its own session (15+: GRANT SET ON PARAMETER).
DO \$\$ BEGIN
  IF current_setting('server_version_num')::int >= 150000 THEN
    EXECUTE 'GRANT SET ON PARAMETER log_min_duration_statement TO hypercare_test';
  END IF;
  IF current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%' THEN
    CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
  END IF;
END \$\$;
SQL
  export HYPERCARE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=hypercare_test;Password=hypercare_test;Database=postgres"
  # The cluster's stderr log, which that test reads back.
  HYPERCARE_TEST_POSTGRES_LOG=$(pg_lsclusters -h | awk -v p="$port" '$3==p {print $7; exit}')
  export HYPERCARE_TEST_POSTGRES_LOG
  # HypoPG is not a trusted extension: the superuser installs it in a database of the test role's, where the index
  # advice tests make a schema each.
  if ls /usr/share/postgresql/*/extension/hypopg.control >/dev/null 2>&1; then
    runuser -u postgres -- psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = 'hypercare_test_hypopg'" | grep -q 1 \
      || runuser -u postgres -- psql -p "$port" -qc "CREATE DATABASE hypercare_test_hypopg OWNER hypercare_test" >&2
    if runuser -u postgres -- psql -p "$port" -d hypercare_test_hypopg -qc "CREATE EXTENSION IF NOT EXISTS hypopg" >&2; then
      export HYPERCARE_TEST_HYPOPG="Host=127.0.0.1;Port=$port;Username=hypercare_test;Password=hypercare_test;Database=hypercare_test_hypopg"
    fi
  fi
}
if [ -z "${HYPERCARE_TEST_POSTGRES:-}" ]; then
  if [ "$(id -u)" = 0 ] && start_postgres; then
    log "PostgreSQL ready"
  else
    log "PostgreSQL is not available: its tests will skip (or fail with CI=true)"
  fi
fi

# ---------------------------------------------------------------- MariaDB
# shellcheck source=scripts/mariadb-server.sh
. "$root/scripts/mariadb-server.sh"
if [ -z "${HYPERCARE_TEST_MARIADB:-}" ]; then
  if [ "$(id -u)" = 0 ] && mariadb_up; then
    export HYPERCARE_TEST_MARIADB="Server=127.0.0.1;Port=3306;User=hypercare_test;Password=hypercare_test"
    # The slow log on, with the server's default long_query_time: only a session that lowers its own (the digest's
    # test of a real workload) writes every statement to it.
    if mariadb_slow_log_on; then export HYPERCARE_TEST_MARIADB_SLOWLOG="$mariadb_slow_log"; fi
    log "MariaDB ready"
  else
    log "MariaDB is not available: its tests will skip (or fail with CI=true)"
  fi
fi

# ---------------------------------------------------------------- tests
results="$root/.artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
if ! dotnet build "$root/hypercare.slnx" --nologo -v quiet -clp:NoSummary >&2; then
  log "the build failed"
  status=1
else
  # One run per test project, each with its own results file, so that no result can overwrite another.
  for project in $(find "$root/tests" -name '*.Tests.csproj' | sort); do
    name=$(basename "$project" .csproj)
    dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" >&2 || status=1
  done
fi

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
projects=$(find "$root/tests" -name '*.Tests.csproj' | wc -l)
if [ "$files" -lt "$projects" ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  # A project that did not build or did not run leaves no results: count it as a failure, never as a pass.
  log "dotnet test exited $status with results for $files of $projects test projects"
  failed=$((failed + projects - files))
  [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
