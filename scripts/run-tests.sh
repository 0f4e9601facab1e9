#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what it needs, starts Neo4j
# itself (local server, or testcontainers where Docker answers), runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [[ $status -eq 5 ]]; then
    echo "pytest collected no test: that is a failure." >&2
    exit 1
fi
exit $status
