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
