# SPDX-License-Identifier: Apache-2.0
"""Keystone, asked whether a project exists (as Nova's verify_project_id).

Through [keystone] (keystoneauth1; a user allowed to read projects, such
as the service user). Keystone's answer counts only when it is sure: a
project it does not have is refused, anything else (no [keystone] auth
set, no permission, Keystone unreachable) lets the request through,
logged, as Nova does.
"""

import logging

from keystoneauth1 import exceptions as ks_exc

from nova_like.clients import ksa
from nova_like import conf
from nova_like import exception

CONF = conf.CONF
LOG = logging.getLogger(__name__)


def verify_project_id(project_id):
    """:raises: Invalid when Keystone has no project project_id."""
    if not CONF.keystone.auth_type:
        return
    adapter = ksa.get_adapter('keystone')
    try:
        response = adapter.get('/projects/%s' % project_id,
                               raise_exc=False)
    except ks_exc.ClientException as exc:
        LOG.warning('Could not ask Keystone whether project %s exists: %s',
                    project_id, exc)
        return
    if response.status_code == 404:
        raise exception.Invalid(reason='Project ID %s is not a valid '
                                       'project.' % project_id)
    if response.status_code != 200:
        LOG.warning('Keystone answered %s when asked whether project %s '
                    'exists; taken as existing', response.status_code,
                    project_id)
