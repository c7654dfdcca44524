# SPDX-License-Identifier: Apache-2.0
"""Admin server actions: os-resetState and injectNetworkInfo (202)."""

from nova_like.api import policies
from nova_like.api.policies import admin_actions as rules
from nova_like.api.schemas import admin_actions as schema
from nova_like.api import wsgi_util
from nova_like.compute.api import admin_actions as admin_api


def _authorize(context, rule, instance):
    policies.authorize(context, rule, {'project_id': instance.project_id})


def reset_state(request, context, instance, body):
    _authorize(context, rules.RESET_STATE, instance)
    admin_api.reset_state(context, instance,
                          body['os-resetState']['state'])
    return wsgi_util.empty_response(202)


def inject_network_info(request, context, instance, body):
    _authorize(context, rules.INJECT_NETWORK_INFO, instance)
    admin_api.inject_network_info(context, instance)
    return wsgi_util.empty_response(202)


reset_state.schema = lambda request: schema.RESET_STATE
inject_network_info.schema = lambda request: schema.INJECT_NETWORK_INFO
