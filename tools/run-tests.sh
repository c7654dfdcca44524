#!/usr/bin/env bash
# The README's test command: venv, services, then every test tier.
set -euo pipefail
cd "$(dirname "$0")/.."
# libvirt-dev must be there before the venv builds libvirt-python.
tools/ensure-libvirt.sh
tools/setup-venv.sh
tools/ensure-services.sh
exec .venv/bin/python -m pytest -p no:cacheprovider -q --durations=15 "$@" tests
