#!/usr/bin/env bash
# The README's test command: venv, services, then every test tier.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-venv.sh
tools/ensure-services.sh
exec .venv/bin/python -m pytest -p no:cacheprovider -q "$@" tests
