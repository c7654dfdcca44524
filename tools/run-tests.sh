#!/usr/bin/env bash
# The README's test command: venv, lint and doc links, services, then every
# test tier. With arguments, pytest runs just those (e.g. tests/unit -k x).
set -euo pipefail
cd "$(dirname "$0")/.."
# libvirt-dev must be there before the venv builds libvirt-python.
tools/ensure-libvirt.sh
tools/ensure-network.sh
tools/setup-venv.sh
# Lint, then the paths and links the Markdown pages name: seconds each, so
# they fail the run before any service is started.
.venv/bin/ruff check nova_like tests tools
.venv/bin/python tools/check_doc_links.py
tools/ensure-services.sh
pytest=(.venv/bin/python -m pytest -p no:cacheprovider -q --durations=15)
if [ $# -gt 0 ]; then
    exec "${pytest[@]}" "$@"
fi
# The unit and functional tiers run in this process alone (SQLite, the
# in-memory transport), so they run beside the integration tier, which
# spends most of its time waiting on its daemons: minutes off the run.
# Their report follows the integration tier's.
inprocess_log=$(mktemp)
inprocess_tmp=$(mktemp -d)  # its own tmp_path root: two sessions, one user
trap 'rm -rf "$inprocess_log" "$inprocess_tmp"' EXIT
"${pytest[@]}" --basetemp "$inprocess_tmp" tests/unit tests/functional \
    >"$inprocess_log" 2>&1 &
inprocess=$!
status=0
"${pytest[@]}" tests/integration || status=$?
wait "$inprocess" || status=$((status ? status : $?))
echo "== tests/unit and tests/functional =="
cat "$inprocess_log"
exit "$status"
