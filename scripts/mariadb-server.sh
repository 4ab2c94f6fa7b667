# Sourced by test.sh: the machine's local MariaDB, started the same way everywhere.
#
# mariadb_up: starts the installed MariaDB server when it is not answering (its init script works without
# systemd), waits until it answers on 127.0.0.1:3306, and makes sure of the test role hypercare_test, which may
# create, use and drop databases named hypercare_test_*. Needs root and the mariadb-server package. Returns
# non-zero when MariaDB cannot be started.
mariadb_up() {
  command -v mariadb >/dev/null 2>&1 && [ -x /etc/init.d/mariadb ] || return 1
  if ! mariadb -u root -e "select 1" >/dev/null 2>&1; then
    /etc/init.d/mariadb start >&2 || return 1
  fi
  for _ in $(seq 1 30); do
    mariadb -u root -e "select 1" >/dev/null 2>&1 && break
    sleep 1
  done
  mariadb -u root >&2 <<'SQL' || return 1
CREATE USER IF NOT EXISTS 'hypercare_test'@'localhost' IDENTIFIED BY 'hypercare_test';
CREATE USER IF NOT EXISTS 'hypercare_test'@'127.0.0.1' IDENTIFIED BY 'hypercare_test';
GRANT ALL PRIVILEGES ON `hypercare\_test\_%`.* TO 'hypercare_test'@'localhost';
GRANT ALL PRIVILEGES ON `hypercare\_test\_%`.* TO 'hypercare_test'@'127.0.0.1';
SQL
  mariadb -h 127.0.0.1 -P 3306 -u hypercare_test -phypercare_test -e "select 1" >/dev/null 2>&1
}

# mariadb_slow_log_on: turns the server's slow query log on, into $mariadb_slow_log in the data directory. The global
# long_query_time is left as it is; sessions that want every statement logged lower their own.
mariadb_slow_log=/var/lib/mysql/hypercare-test-slow.log
mariadb_slow_log_on() {
  mariadb -u root -e "SET GLOBAL slow_query_log_file = '$mariadb_slow_log'; SET GLOBAL slow_query_log = ON;" >&2 && [ -f "$mariadb_slow_log" ]
}
