# SPDX-License-Identifier: Apache-2.0
"""POST /servers/{id}/action: the server actions.

Reboot, stop, start, pause, suspend, lock, console output, security
groups and the admin actions (handlers/admin_actions.py).
"""

from nova_like.api import errors
from nova_like.api.handlers import admin_actions
from nova_like.api.handlers import security_groups
from nova_like.api.handlers import servers
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import server_actions as rules
from nova_like.api.schemas import server_actions as schema
from nova_like.api import validation
from nova_like.api import wsgi_util

_ENVELOPE = {'type': 'object'}


def _authorize(context, rule, instance):
    policies.authorize(context, rule, {'project_id': instance.project_id})


def _power(name, rule):
    """An action without arguments that the compute host carries out (202)."""
    def act(request, context, instance, body):
        _authorize(context, rule, instance)
        servers.compute_api().power_action(context, instance, name)
        return wsgi_util.empty_response(202)
    act.schema = lambda request: schema.no_arguments(act.body_name)
    return act


def _reboot(request, context, instance, body):
    _authorize(context, rules.REBOOT, instance)
    servers.compute_api().reboot(context, instance,
                                 body['reboot']['type'].upper())
    return wsgi_util.empty_response(202)


def _lock(request, context, instance, body):
    _authorize(context, rules.LOCK, instance)
    reason = None
    if microversion.at_least(request, '2.73'):
        reason = (body.get('lock') or {}).get('locked_reason')
    servers.compute_api().lock(context, instance, reason=reason)
    return wsgi_util.empty_response(202)


def _unlock(request, context, instance, body):
    _authorize(context, rules.UNLOCK, instance)
    api = servers.compute_api()
    if not api.is_expected_locked_by(context, instance):
        _authorize(context, rules.UNLOCK_OVERRIDE, instance)
    api.unlock(context, instance)
    return wsgi_util.empty_response(202)


def _console_output(request, context, instance, body):
    _authorize(context, rules.CONSOLE_OUTPUT, instance)
    length = (body['os-getConsoleOutput'] or {}).get('length')
    length = None if length is None else int(length)
    output = servers.compute_api().get_console_output(context, instance,
                                                      length)
    return wsgi_util.json_response({'output': output})


_reboot.schema = lambda request: schema.REBOOT
_lock.schema = lambda request: (
    schema.LOCK_V273 if microversion.at_least(request, '2.73')
    else schema.no_arguments('lock'))
_unlock.schema = lambda request: schema.no_arguments('unlock')
_console_output.schema = lambda request: schema.CONSOLE_OUTPUT

ACTIONS = {
    'reboot': _reboot,
    'os-stop': _power('stop', rules.STOP),
    'os-start': _power('start', rules.START),
    'pause': _power('pause', rules.PAUSE),
    'unpause': _power('unpause', rules.UNPAUSE),
    'suspend': _power('suspend', rules.SUSPEND),
    'resume': _power('resume', rules.RESUME),
    'lock': _lock,
    'unlock': _unlock,
    'os-getConsoleOutput': _console_output,
    'addSecurityGroup': security_groups.add,
    'removeSecurityGroup': security_groups.remove,
    'os-resetState': admin_actions.reset_state,
    'injectNetworkInfo': admin_actions.inject_network_info,
}
for _name, _handler in ACTIONS.items():
    _handler.body_name = _name


def action(request):
    """POST /servers/{server_id}/action: {"<action>": {arguments}}."""
    context = wsgi_util.context_of(request)
    body = validation.body(request, _ENVELOPE)
    names = [name for name in body if name in ACTIONS]
    if not names:
        asked = ', '.join(sorted(body)) or '(none)'
        raise errors.bad_request('There is no such action: %s' % asked)
    handler = ACTIONS[names[0]]
    body = validation.body(request, handler.schema(request))
    instance = servers.get_server(request, request.urlvars['server_id'])
    return handler(request, context, instance, body)
