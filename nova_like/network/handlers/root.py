# SPDX-License-Identifier: Apache-2.0
"""The version document, /v2.0 and its extensions."""

from nova_like.network import errors
from nova_like.network import util

UPDATED = '2026-12-07T00:00:00-00:00'
EXTENSIONS = [
    ('binding', 'Port Binding', 'Port bindings of a virtual port'),
    ('external-net', 'Neutron external network',
     'The router:external attribute of networks'),
    ('network-mtu', 'Network MTU', 'The mtu attribute of networks'),
    ('port-security', 'Port Security', 'Provides port security'),
    ('project-id', 'project_id field enabled',
     'The project_id field of every resource'),
    ('provider', 'Provider Network',
     'Mapping of virtual networks to physical networks'),
    ('quotas', 'Quota management support', 'Quotas per project'),
    ('quota_details', 'Quota details management support',
     'Quota usage per project'),
    ('security-group', 'security-group', 'The security groups extension.'),
    ('standard-attr-description', 'standard-attr-description',
     'Descriptions of standard attributes'),
    ('standard-attr-revisions', 'Resource revision numbers',
     'The revision number of resources'),
    ('standard-attr-timestamp', 'Resource timestamps',
     'created_at and updated_at of resources'),
]
RESOURCES = [('network', 'networks'), ('subnet', 'subnets'),
             ('port', 'ports'), ('security_group', 'security-groups'),
             ('security_group_rule', 'security-group-rules'),
             ('quota', 'quotas')]


def _extension(alias, name, description):
    return {'alias': alias, 'name': name, 'description': description,
            'updated': UPDATED, 'links': []}


def versions(req):
    return util.response({'versions': [{
        'id': 'v2.0', 'status': 'CURRENT',
        'links': [{'href': util.url(req, '/v2.0/'), 'rel': 'self'}]}]})


def index(req):
    return util.response({'resources': [
        {'name': name, 'collection': collection,
         'links': [{'href': util.url(req, '/v2.0/%s' % collection),
                    'rel': 'self'}]}
        for name, collection in RESOURCES]})


def list_extensions(req):
    return util.response({'extensions': [_extension(*e)
                                         for e in EXTENSIONS]})


def show_extension(req):
    for extension in EXTENSIONS:
        if extension[0] == req.urlvars['alias']:
            return util.response({'extension': _extension(*extension)})
    raise errors.NotFound('Extension with alias %s does not exist'
                          % req.urlvars['alias'])
