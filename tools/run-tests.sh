#!/usr/bin/env bash
# The README's test command: venv, lint and doc links, services, then every
# test tier.
set -euo pipefail
cd "$(dirname "$0")/.."
# libvirt-dev must be there before the venv builds libvirt-python.
tools/ensure-libvirt.sh
tools/setup-venv.sh
# Lint, then the paths and links the Markdown pages name: seconds each, so
# they fail the run before any service is started.
.venv/bin/ruff check nova_like tests tools
.venv/bin/python tools/check_doc_links.py
tools/ensure-services.sh
exec .venv/bin/python -m pytest -p no:cacheprovider -q --durations=15 "$@" tests
