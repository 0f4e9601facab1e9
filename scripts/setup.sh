#!/usr/bin/env bash
# Prepare a fresh machine: system packages, then a virtualenv with opcomap.
#   scripts/setup.sh          runtime only (the app on the bundled map)
#   scripts/setup.sh --test   also what the test suite needs (Java, Maven, Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[[ "${1:-}" == "--test" ]] && want_tests=1

missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
if (( want_tests )); then
    need java openjdk-17-jre-headless
    need mvn maven
    need chromium chromium
fi

if (( ${#missing[@]} )); then
    echo "==> Installing system packages: ${missing[*]}"
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
    echo "==> Creating .venv"
    "$python" -m venv .venv
fi
extras=""
(( want_tests )) && extras="[test]"
echo "==> Installing opcomap${extras} into .venv"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"
