#!/usr/bin/env bash
# npm run up [-- --infra-only]
# Brings up the local Patchbay stack in steps: the infrastructure (Postgres, Kafka, Vault; lib/infra-up.sh),
# then the four services and the sample workflow, called once (lib/services-up.sh), unless --infra-only.
# Idempotent: a healthy stack is left as it is, dead services are restarted. Writes deploy/local/.env.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

infra_only=0
for arg in "$@"; do
  case $arg in
    --infra-only) infra_only=1 ;;
    -h | --help)
      sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) pb_die "unknown argument: $arg (expected --infra-only)" ;;
  esac
done

# One bring-up or tear-down at a time per state dir (parallel test files may all ask for the infrastructure).
pb_lock_self "$(pb_state_lock_name)" "$@"

bash "$PB_LIB_DIR/infra-up.sh"
if [[ $infra_only -eq 0 ]]; then
  bash "$PB_LIB_DIR/services-up.sh"
fi
