# Sourced by test.sh and bench/*.sh: the machine's local PostgreSQL, started the same way everywhere.
#
# postgres_cluster_up: starts the newest installed PostgreSQL's "main" cluster (creating it when missing),
# waits until it answers, and prints its port. Needs root (it runs psql as the postgres user) and the
# postgresql package. Returns non-zero when PostgreSQL cannot be started.
postgres_cluster_up() {
  command -v pg_ctlcluster >/dev/null 2>&1 || return 1
  local version port
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] || return 1
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "$version/main"; then
    pg_createcluster "$version" main >&2 || return 1
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster "$version" main start >&2 || return 1
  fi
  port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
  for _ in $(seq 1 30); do
    runuser -u postgres -- psql -p "$port" -tAc "select 1" >/dev/null 2>&1 && { echo "$port"; return 0; }
    sleep 1
  done
  return 1
}

# postgres_preload_pg_stat_statements PORT: makes the cluster on PORT load pg_stat_statements (it must be loaded
# at start: set once with ALTER SYSTEM, then one restart; later runs find it set and do nothing). Leaves a cluster
# that already preloads other libraries alone. Returns non-zero when it is not loaded afterwards.
postgres_preload_pg_stat_statements() {
  local port=$1 version cluster libraries
  libraries=$(runuser -u postgres -- psql -p "$port" -tAc "show shared_preload_libraries" 2>/dev/null) || return 1
  case "$libraries" in *pg_stat_statements*) return 0 ;; "") ;; *) return 1 ;; esac
  read -r version cluster < <(pg_lsclusters -h | awk -v p="$port" '$3==p {print $1, $2; exit}')
  [ -n "$version" ] && [ -f "/usr/lib/postgresql/$version/lib/pg_stat_statements.so" ] || return 1
  runuser -u postgres -- psql -p "$port" -qc "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" >&2 || return 1
  pg_ctlcluster "$version" "$cluster" restart >&2 || return 1
  for _ in $(seq 1 30); do
    runuser -u postgres -- psql -p "$port" -tAc "select 1" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}
