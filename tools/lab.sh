#!/usr/bin/env bash
# The lab in one command: tools/lab.sh up|stop|status|clean [options] (see tools/lab.py --help).
set -euo pipefail
cd "$(dirname "$0")/.."
# libvirt-dev must be there before the venv builds libvirt-python.
tools/ensure-libvirt.sh
tools/ensure-network.sh
tools/ensure-storage.sh
tools/setup-venv.sh
[ "${1:-up}" = "up" ] && tools/ensure-services.sh
exec .venv/bin/python tools/lab.py "$@"
