#!/usr/bin/env bash
# Stops the Patchbay services, the gateway and the sample target started by services-up.sh (SIGTERM, then SIGKILL after 20 s)
# and removes their settings from the env file.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$PB_LIB_DIR/services.sh"

for name in "${PB_SERVICES[@]}" sample-target gateway; do
  pb_stop_pid "$name" &
done
wait
if [[ -f $PB_ENV_FILE ]]; then
  sed -i '/^# --- services (deploy\/local\/lib\/services-up.sh) ---$/,$d' "$PB_ENV_FILE"
fi
