#!/usr/bin/env bash
# Runs SosepBot's whole test suite on a fresh machine and ends with one line:
#   N passed, N failed, N skipped
# It installs and starts what the tests need (scripts/test-env: PostgreSQL, Dovecot/Postfix, the Agents Playground,
# Chromium) and runs every test project twice: on SQLite and on PostgreSQL.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
run_dir="$root/.test-run"
results="$run_dir/results"
rm -rf "$results"
mkdir -p "$results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet (SDK 10) is required: https://dot.net" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# Servers and tools the tests need: every scripts/test-env/*.sh is sourced in order. Each one installs
# (when missing) and starts what it needs on loopback, exports the SOSEPBOT_TEST_* variables the tests
# read, adds its stop commands with `on_exit "command"`, and returns non-zero (after saying why) on failure.
exit_commands=()
on_exit() { exit_commands+=("$1"); }
run_exit_commands() { for ((i=${#exit_commands[@]}-1; i>=0; i--)); do eval "${exit_commands[$i]}" >/dev/null 2>&1 || true; done; }
trap run_exit_commands EXIT
export SOSEPBOT_TEST_RUN_DIR="$run_dir"
for env_script in scripts/test-env/*.sh; do
  [ -e "$env_script" ] || continue
  echo "== environment: $env_script"
  # shellcheck disable=SC1090
  if ! source "$env_script"; then
    echo "$env_script could not prepare the test environment" >&2
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
  fi
done

echo "== restore"
restore_flags=()
[ "${CI:-}" = "true" ] && restore_flags+=(--locked-mode)
if ! dotnet restore SosepBot.sln "${restore_flags[@]}" >"$run_dir/restore.log" 2>&1; then
  tail -40 "$run_dir/restore.log"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "== build"
if ! dotnet build SosepBot.sln --no-restore -c Release >"$run_dir/build.log" 2>&1; then
  grep -E "error|Error" "$run_dir/build.log" | sort -u | head -40
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "== test"
# SQL Server tests run when SOSEPBOT_TEST_SQLSERVER holds a connection string; otherwise they are reported as skipped.
status=0
: >"$run_dir/test.log"
# Two passes over every test project: on SQLite (the embedded default) and on the private PostgreSQL that
# scripts/test-env/05-postgres.sh started (SOSEPBOT_TEST_PROVIDER picks the engine of every test's database). Tests of
# what only SQLite has (its file, backup, prepared statements) carry [Trait("Engine", "Sqlite")] and run in the first;
# tests of what needs a server database (several instances on one) carry [Trait("Engine", "PostgreSql")] and run in the second.
passes=0
for engine in Sqlite PostgreSql; do
  filter=(--filter "Engine!=PostgreSql")
  [ "$engine" = "Sqlite" ] || filter=(--filter "Engine!=Sqlite")
  passes=$((passes + 1))
  echo "== tests on $engine"
  for project in $(find tests -name "*.Tests.csproj" | sort); do
    name=$(basename "$project" .csproj)
    SOSEPBOT_TEST_PROVIDER="$engine" dotnet test "$project" --no-build -c Release "${filter[@]}" \
      --logger "trx;LogFileName=$name-$engine.trx" --logger "console;verbosity=minimal" --results-directory "$results" 2>&1 \
      | tee -a "$run_dir/test.log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  done
done

# Sum the TRX counters of every test project.
passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get total) - $(get executed)))
done

projects=$(( $(find tests -name "*.Tests.csproj" | wc -l) * passes ))
if [ "$files" -lt "$projects" ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  echo "The test run did not finish normally (exit $status, $files of $projects result files); see $run_dir/test.log" >&2
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
