# SPDX-License-Identifier: Apache-2.0
"""What the conductor's audits of other services share.

Each audit reads what a service holds for servers (ports, attachments),
then the servers, and repairs only what two passes in a row agree on, so
a server between two steps of its build or delete during one pass is
never touched.
"""

from nova_like import context as nl_context
from nova_like import objects


def cells(ctx):
    """The cells that hold servers (not cell0, not disabled)."""
    return [c for c in objects.CellMappingList.get_all(ctx)
            if not c.is_cell0 and not c.disabled]


def instances(ctx, uuids):
    """Every instance of these uuids, in every cell (deleted ones too)."""
    found = []
    if not uuids:
        return found
    for cell in cells(ctx):
        with nl_context.target_cell(ctx, cell) as cctx:
            found.extend(objects.InstanceList.get_by_filters(
                cctx, {'uuid': list(uuids)}))
    return found


def service_up(ctx, binary, down_time):
    """Whether some service of binary has a fresh heartbeat in a cell."""
    for cell in cells(ctx):
        with nl_context.target_cell(ctx, cell) as cctx:
            if any(s.is_up(down_time) for s in
                   objects.ServiceList.get_all(cctx, binary=binary)):
                return True
    return False


class TwoPasses:
    """Suspects of the last pass, to act on those this pass finds again."""

    def __init__(self):
        self._last = set()

    def confirm(self, suspects):
        """The suspects also found by the last pass (sorted); remembers
        these for the next."""
        agreed = sorted(set(suspects) & self._last)
        self._last = set(suspects)
        return agreed
