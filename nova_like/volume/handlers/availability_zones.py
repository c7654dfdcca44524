# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/os-availability-zone: the zone of this volume host."""

from nova_like.volume import util


def list_availability_zones(req):
    ctx = util.context(req)
    return util.response({'availabilityZoneInfo': [{
        'zoneName': ctx.conf.volume.storage_availability_zone,
        'zoneState': {'available': True}}]})
