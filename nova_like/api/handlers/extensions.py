# SPDX-License-Identifier: Apache-2.0
"""/extensions: Nova's fixed list of v2 extension aliases (list, show)."""

from nova_like.api import errors
from nova_like.api import policies
from nova_like.api.policies import extensions as rules
from nova_like.api.views import extensions as view
from nova_like.api import wsgi_util


def index(request):
    """GET /extensions."""
    policies.authorize(wsgi_util.context_of(request), rules.EXTENSIONS)
    return wsgi_util.json_response({'extensions': view.extensions()})


def show(request):
    """GET /extensions/{alias}: 404 for an alias not listed."""
    policies.authorize(wsgi_util.context_of(request), rules.EXTENSIONS)
    alias = request.urlvars['alias']
    try:
        return wsgi_util.json_response({'extension': view.extension(alias)})
    except KeyError:
        raise errors.not_found('Extension %s could not be found.' % alias)
