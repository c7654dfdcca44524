# SPDX-License-Identifier: Apache-2.0
"""GET /os-migrations (admin): the migrations of servers.

nova_like moves no server between hosts yet (resize, migrate and evacuate
are issue 20's), so no migration exists and the list is empty; its query
is checked as Nova checks it (2.59 paging, 2.66 changes-before, 2.80
user_id/project_id): a marker names no migration (400).
"""

from oslo_utils import timeutils

from nova_like.api import errors
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import migrations as rules
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import migrations as schema
from nova_like.api import validation
from nova_like.api import wsgi_util


def _time(params, name):
    value = validation.last(params, name)
    if value is None:
        return None
    try:
        return timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        raise errors.bad_request('Invalid filter field: %s.' % name)


def index(request):
    """GET: {"migrations": [...]} (empty; see the module docstring)."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.INDEX)
    params = validation.query(request, common_schema.for_version(
        schema.QUERY, microversion.of(request)))
    since = _time(params, 'changes-since')
    before = _time(params, 'changes-before')
    if since and before and since > before:
        raise errors.bad_request('The value of changes-since must be less '
                                 'than or equal to changes-before.')
    marker = validation.last(params, 'marker')
    if marker is not None:
        raise errors.bad_request('Marker %s could not be found.' % marker)
    return wsgi_util.json_response({'migrations': []})
