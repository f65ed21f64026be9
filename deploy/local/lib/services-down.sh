#!/usr/bin/env bash
# Stops the Patchbay services and the sample target started by services-up.sh (SIGTERM, then SIGKILL after 20 s)
# and removes their settings from the env file.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$PB_LIB_DIR/services.sh"

stop_service() {
  local name=$1 file=$PB_PIDS/$1.pid pid
  pb_pid_alive "$file" || {
    rm -f "$file"
    return 0
  }
  pid=$(<"$file")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    pb_say "$name (pid $pid) ignored SIGTERM for 20 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
  echo "stopped $name (pid $pid)"
}

for name in "${PB_SERVICES[@]}" sample-target; do
  stop_service "$name" &
done
wait
if [[ -f $PB_ENV_FILE ]]; then
  sed -i '/^# --- services (deploy\/local\/lib\/services-up.sh) ---$/,$d' "$PB_ENV_FILE"
fi
