#!/usr/bin/env bash
# Main job: set up, then open the app on the bundled reference map (no database needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/opcomap serve "$@"
