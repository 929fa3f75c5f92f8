#!/usr/bin/env bash
# The main job on a machine with no cloud account: `pulumi up` on a local stack, with the state in
# a local directory (file backend) and a passphrase secrets provider. Sets up the backend and the
# stack on first use.
#   npm run up:local               # stack `local`: the cluster of your current kubeconfig context
#   npm run render                 # stack `render`: no cluster, manifests written to ./rendered
#   npm run up:local -- --yes      # extra arguments go to `pulumi up`
# Without a `pulumi` on PATH, the CLI of the SDK's version is installed into .pulumi-cli/ first.
# Environment: PULUMI_BACKEND_URL (default file://<repo>/.pulumi-state),
#              PULUMI_CONFIG_PASSPHRASE (default empty: fine for a throwaway local stack),
#              PULUMI_CLI_ROOT (default <repo>/.pulumi-cli), PULUMI_CLI_INSTALL_TIMEOUT_SECONDS (300).
set -euo pipefail
cd "$(dirname "$0")/.."

stack=${1:?usage: scripts/up.sh <stack> [pulumi up arguments]}
shift
if [ ! -f "Pulumi.$stack.yaml" ]; then
    echo "No Pulumi.$stack.yaml in $(pwd)" >&2
    exit 1
fi
[ -d node_modules ] || { echo "Installing the project's dependencies (npm ci) ..." >&2; npm ci; }
if ! command -v pulumi >/dev/null 2>&1; then
    bin="${PULUMI_CLI_ROOT:-$PWD/.pulumi-cli}/bin"
    if [ -x "$bin/pulumi" ]; then
        echo "Using the Pulumi CLI in $bin." >&2
    else
        bin=$(node -r ts-node/register/transpile-only scripts/pulumi-cli.ts) || exit 1
    fi
    export PATH="$bin:$PATH"
fi
mkdir -p .pulumi-state
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$PWD/.pulumi-state}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"

pulumi stack select "$stack" >/dev/null 2>&1 || pulumi stack init "$stack" --secrets-provider passphrase
pulumi up --stack "$stack" "$@"
