# SPDX-License-Identifier: Apache-2.0
"""Selection: one host the scheduler chose, with its Placement claim.

The host may also be one kept as an alternate.
"""

from oslo_versionedobjects import fields

from nova_like.objects import base


@base.NovaLikeObjectRegistry.register
class Selection(base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'compute_node_uuid': fields.UUIDField(),
        'service_host': fields.StringField(),
        'nodename': fields.StringField(),
        'cell_uuid': fields.UUIDField(),
        # JSON text of Placement's allocation request for this host.
        'allocation_request': fields.StringField(nullable=True),
        'allocation_request_version': fields.StringField(nullable=True),
    }
