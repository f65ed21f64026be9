# shellcheck shell=bash
# Shared paths and helpers for the deploy/local scripts. Sourced, never executed.
#
# Layout:
#   $PB_CACHE  (${PATCHBAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/patchbay})  survives down.sh: Maven repo,
#              Kafka jars per version, Vault binary per version, Go caches.
#   $PB_STATE  (${PATCHBAY_STATE_DIR:-deploy/local/.state})  one bring-up: data dirs, pid files, logs.
#   $PB_ENV_FILE (${PATCHBAY_ENV_FILE:-deploy/local/.env})  what tests and services read to find the infrastructure.

PB_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PB_LOCAL_DIR=$(cd "$PB_LIB_DIR/.." && pwd)
PB_ROOT=$(cd "$PB_LOCAL_DIR/../.." && pwd)
PB_CACHE=${PATCHBAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/patchbay}
PB_STATE=${PATCHBAY_STATE_DIR:-$PB_LOCAL_DIR/.state}
PB_LOGS=$PB_STATE/logs
PB_PIDS=$PB_STATE/pids
PB_ENV_FILE=${PATCHBAY_ENV_FILE:-$PB_LOCAL_DIR/.env}
PB_NODE=$PB_ROOT/node_modules/.bin/node

# HashiCorp Vault 1.14.8 is the last MPL-licensed release; OpenBao cannot be fetched from the Go proxy here.
PB_VAULT_VERSION=1.14.8

umask 022
# No job control even when the caller had it (`set -m`): background children then stay in our process group,
# so `setsid cmd &` execs cmd in place instead of forking, and `$!` is the daemon's own pid for its pid file.
set +m

pb_say() { printf '[patchbay] %s\n' "$*" >&2; }

pb_die() {
  pb_say "error: $*"
  exit 1
}

pb_now_ms() { echo $(($(date +%s%N) / 1000000)); }

# pb_seconds_since START_MS -> "12.3s"
pb_seconds_since() {
  local ms=$(($(pb_now_ms) - $1))
  printf '%d.%ds' $((ms / 1000)) $((ms % 1000 / 100))
}

# The Kafka version is declared once, in kafka/pom.xml.
pb_kafka_version() {
  sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$PB_LOCAL_DIR/kafka/pom.xml"
}

pb_kafka_libs_dir() { echo "$PB_CACHE/kafka-$(pb_kafka_version)/libs"; }

pb_vault_bin() { echo "${PATCHBAY_VAULT_BIN:-$PB_CACHE/bin/vault-$PB_VAULT_VERSION}"; }

# Newest installed Postgres >= 15 from the Debian packages, unless PATCHBAY_PG_BIN points elsewhere.
pb_pg_bin() {
  if [[ -n ${PATCHBAY_PG_BIN:-} ]]; then
    echo "$PATCHBAY_PG_BIN"
    return
  fi
  local dir
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x $dir/initdb ]]; then
      echo "$dir"
      return
    fi
  done
  return 1
}

# Runs a command as the postgres user when we are root (initdb refuses to run as root).
pb_as_pg() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Deletes the state dir, and the Postgres cluster kept in /tmp when the checkout was not readable by the
# postgres user (see postgres-start.sh). Processes must be stopped first (infra-down.sh).
pb_remove_state() {
  local home
  if [[ -f $PB_STATE/postgres.home ]]; then
    home=$(<"$PB_STATE/postgres.home")
    if [[ $home == /tmp/patchbay-postgres.* ]]; then
      rm -rf "$home"
    fi
  fi
  rm -rf "$PB_STATE"
}

# pb_pid_alive PIDFILE: the process runs (a zombie left by a SIGKILL whose parent never reaped it counts as gone).
pb_pid_alive() {
  local file=$1 pid state
  [[ -s $file ]] || return 1
  pid=$(<"$file")
  kill -0 "$pid" 2>/dev/null || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo '?')
  [[ $state != Z ]]
}

# pb_stop_pid NAME: SIGTERM the process in $PB_PIDS/NAME.pid, SIGKILL after 20 s; removes the pid file.
pb_stop_pid() {
  local name=$1 file=$PB_PIDS/$1.pid pid
  pb_pid_alive "$file" || {
    rm -f "$file"
    return 0
  }
  pid=$(<"$file")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do
    pb_pid_alive "$file" || break
    sleep 0.1
  done
  if pb_pid_alive "$file"; then
    pb_say "$name (pid $pid) ignored SIGTERM for 20 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
  echo "stopped $name (pid $pid)"
}

# pb_step NAME COMMAND... : runs COMMAND with all output in $PB_LOGS/NAME.log, prints the outcome and elapsed time.
# On failure prints the log path and its last lines, records NAME in $PB_STATE/failed-steps and returns non-zero.
pb_step() {
  local name=$1
  shift
  local log=$PB_LOGS/$name.log start rc=0
  start=$(pb_now_ms)
  mkdir -p "$PB_LOGS"
  "$@" >>"$log" 2>&1 || rc=$?
  if [[ $rc -eq 0 ]]; then
    pb_say "ok    $name ($(pb_seconds_since "$start"))"
    return 0
  fi
  echo "$name" >>"$PB_STATE/failed-steps"
  {
    printf '[patchbay] FAIL  %s (exit %d after %s)\n' "$name" "$rc" "$(pb_seconds_since "$start")"
    printf '[patchbay]       log: %s\n' "$log"
    tail -n 25 "$log" | sed 's/^/[patchbay]       | /'
  } >&2
  return "$rc"
}

# pb_lock_self NAME ARGS...: re-runs the calling script under an exclusive lock in the cache (not in the state
# dir, which down.sh deletes), so parallel test files or a CI prefetch and up.sh never do the same work twice.
# flock -o keeps the lock's file descriptor out of the script's children: a daemon started under the lock
# must not hold it for its whole life.
pb_lock_self() {
  local name=$1 var
  shift
  var=PB_LOCKED_${name//[^A-Za-z0-9]/_}
  if [[ -z ${!var:-} ]]; then
    mkdir -p "$PB_CACHE/locks"
    export "$var=1"
    exec flock -o "$PB_CACHE/locks/$name.lock" bash "$0" "$@"
  fi
}

# A lock name unique to this state dir, so two checkouts on one machine do not wait for each other.
pb_state_lock_name() {
  echo "state-$(printf '%s' "$PB_STATE" | sha256sum | cut -c1-12)"
}
