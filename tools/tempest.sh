#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Tempest against the running lab: tools/tempest.sh [--neutron] [--regex RE] (tools/tempest.py --help).
# Tempest lives in its own venv, .tempest-venv, pinned by constraints.txt where that pins its deps.
set -euo pipefail
cd "$(dirname "$0")/.."
TEMPEST_VERSION=47.0.0
PY=${PYTHON:-python3}
stamp=.tempest-venv/.tempest-installed
want="$TEMPEST_VERSION $(sha256sum constraints.txt | cut -d' ' -f1)"
if ! [ -x .tempest-venv/bin/tempest ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    [ -x .tempest-venv/bin/python ] || "$PY" -m venv .tempest-venv
    .tempest-venv/bin/pip install -q --disable-pip-version-check -c constraints.txt \
        "tempest==$TEMPEST_VERSION"
    echo "$want" > "$stamp"
fi
tools/setup-venv.sh
exec .venv/bin/python tools/tempest.py "$@"
