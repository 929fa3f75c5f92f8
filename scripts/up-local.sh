#!/usr/bin/env bash
# The main job on a machine with no cloud account: `pulumi up` on the `local` stack, with the
# state in a local directory (file backend) and a passphrase secrets provider.
#   npm run up:local               # preview, then confirm
#   npm run up:local -- --yes      # no prompt
# Environment: PULUMI_BACKEND_URL (default file://<repo>/.pulumi-state),
#              PULUMI_CONFIG_PASSPHRASE (default empty: fine for a throwaway local stack).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pulumi >/dev/null 2>&1; then
    echo "The Pulumi CLI is not installed: https://www.pulumi.com/docs/iac/download-install/" >&2
    exit 1
fi
mkdir -p .pulumi-state
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$PWD/.pulumi-state}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"

pulumi stack select local >/dev/null 2>&1 || pulumi stack init local --secrets-provider passphrase
pulumi up --stack local "$@"
