#!/usr/bin/env bash
# npm run down [-- --keep]
# Stops the services (lib/services-down.sh) and the infrastructure, by pid file, and removes
# deploy/local/.env. Deletes the state dir (data and logs) unless --keep.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

keep=0
for arg in "$@"; do
  case $arg in
    --keep) keep=1 ;;
    -h | --help)
      sed -n '2,4p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) pb_die "unknown argument: $arg (expected --keep)" ;;
  esac
done

pb_lock_self "$(pb_state_lock_name)" "$@"

bash "$PB_LIB_DIR/services-down.sh"
bash "$PB_LIB_DIR/infra-down.sh"
if [[ $keep -eq 0 ]]; then
  pb_remove_state
  pb_say "stopped; state removed"
else
  pb_say "stopped; state kept in $PB_STATE"
fi
