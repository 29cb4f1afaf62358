# A private PostgreSQL for the tests: Debian's `postgresql` package (installed when missing), a cluster initialised
# in the run folder as the `postgres` user, listening on 127.0.0.1 only, stopped when the run ends.
# Sourced by scripts/test.sh: exports SOSEPBOT_TEST_POSTGRES (a connection string without a database; each test
# creates its own database from a migrated template, see tests/TestKit/TestDatabase.cs).
pg_dir="$SOSEPBOT_TEST_RUN_DIR/postgres"
pg_port="${SOSEPBOT_TEST_POSTGRES_PORT:-42150}"
pg_bin=""
find_pg_bin() { pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1); }
find_pg_bin
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "installing postgresql"
  mkdir -p "$SOSEPBOT_TEST_RUN_DIR"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; } \
      >"$SOSEPBOT_TEST_RUN_DIR/postgres-apt.log" 2>&1; then
    tail -20 "$SOSEPBOT_TEST_RUN_DIR/postgres-apt.log" >&2
    echo "05-postgres.sh: could not install postgresql (see $SOSEPBOT_TEST_RUN_DIR/postgres-apt.log)" >&2
    return 1
  fi
  find_pg_bin
fi
# A cluster left by an interrupted run is stopped and thrown away: every run starts empty.
if [ -f "$pg_dir/data/postmaster.pid" ]; then
  su postgres -s /bin/sh -c "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" >/dev/null 2>&1 || true
fi
rm -rf "$pg_dir"
mkdir -p "$pg_dir"
chown postgres "$pg_dir"
pg_password="sosep-test-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
echo "$pg_password" > "$pg_dir/pwfile"
chown postgres "$pg_dir/pwfile"
if ! su postgres -s /bin/sh -c "'$pg_bin/initdb' -D '$pg_dir/data' -U postgres --pwfile='$pg_dir/pwfile' -A scram-sha-256 -E UTF8 --locale=C.UTF-8" \
    >"$pg_dir/initdb.log" 2>&1; then
  tail -20 "$pg_dir/initdb.log" >&2
  echo "05-postgres.sh: initdb failed (see $pg_dir/initdb.log)" >&2
  return 1
fi
rm -f "$pg_dir/pwfile"
# A throw-away cluster: no fsync; enough connections for the test projects running side by side.
cat >> "$pg_dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg_dir'
max_connections = 400
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
CONF
if ! su postgres -s /bin/sh -c "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/server.log' -w -t 60 start" >/dev/null 2>&1; then
  tail -20 "$pg_dir/server.log" >&2
  echo "05-postgres.sh: PostgreSQL did not start on 127.0.0.1:$pg_port (see $pg_dir/server.log)" >&2
  return 1
fi
on_exit "su postgres -s /bin/sh -c \"'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop\""
export SOSEPBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$pg_port"
unset pg_dir pg_port pg_bin pg_password
unset -f find_pg_bin
