# SPDX-License-Identifier: Apache-2.0
"""Flavor bodies for list, detail and show, shaped per microversion."""

from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import flavors as rules
from nova_like.api.views import common


def basic(request, flavor):
    body = {'id': flavor.flavorid, 'name': flavor.name,
            'links': common.links(request, 'flavors', flavor.flavorid)}
    if microversion.at_least(request, '2.55'):
        body['description'] = flavor.description
    return body


def show(request, flavor, include_extra_specs=None):
    """The full flavor body.

    :param include_extra_specs: whether to add extra_specs (2.61); None
        asks the policy.
    """
    swap = flavor.swap
    if not microversion.at_least(request, '2.75') and not swap:
        swap = ''
    body = {
        'id': flavor.flavorid,
        'name': flavor.name,
        'ram': flavor.memory_mb,
        'disk': flavor.root_gb,
        'swap': swap,
        'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral_gb,
        'OS-FLV-DISABLED:disabled': flavor.disabled,
        'vcpus': flavor.vcpus,
        'os-flavor-access:is_public': flavor.is_public,
        'rxtx_factor': flavor.rxtx_factor,
        'links': common.links(request, 'flavors', flavor.flavorid),
    }
    if microversion.at_least(request, '2.55'):
        body['description'] = flavor.description
    if microversion.at_least(request, '2.61'):
        if include_extra_specs is None:
            include_extra_specs = policies.authorize(
                request.environ['nova_like.context'],
                rules.EXTRA_SPECS_INDEX, fatal=False)
        if include_extra_specs:
            body['extra_specs'] = dict(flavor.extra_specs)
    return body


def index(request, flavors, limit):
    return _collection(request, [basic(request, f) for f in flavors],
                       flavors, limit, 'flavors')


def detail(request, flavors, limit):
    return _collection(request, [show(request, f) for f in flavors],
                       flavors, limit, 'flavors/detail')


def _collection(request, bodies, flavors, limit, collection):
    body = {'flavors': bodies}
    links = common.next_links(request, collection,
                              [f.flavorid for f in flavors], limit,
                              'flavors_links')
    if links:
        body['flavors_links'] = links
    return body
