# SPDX-License-Identifier: Apache-2.0
"""GET /healthcheck: is this API up.

With ?rpc=1, also: does RPC reach the daemons behind it. Anyone may ask
(no token needed, as oslo.middleware's healthcheck); only an admin's
token gets the detail (hosts, driver, timings, what failed).
"""

import time

import oslo_messaging as messaging

from nova_like.api import errors
from nova_like.api import wsgi_util
from nova_like.conductor import api as conductor_api
from nova_like import context as nl_context

_conductor = None


def healthcheck(request):
    """200 when healthy; with rpc=1, 503 when a hop of api -> conductor ->
    scheduler (and -> compute <compute_host>) does not answer in time."""
    global _conductor
    if request.GET.get('rpc') not in ('1', 'true', 'yes'):
        return wsgi_util.json_response({'status': 'OK'})
    context = request.environ.get('nova_like.context')
    detailed = context is not None and context.is_admin
    timeout = _timeout(request.GET.get('timeout', '10'))
    if _conductor is None:
        _conductor = conductor_api.API()
    start = time.monotonic()
    try:
        answer = _conductor.ping(
            nl_context.get_admin_context(), scheduler=True,
            compute_host=(request.GET.get('compute_host') or None)
            if detailed else None, timeout=timeout)
    except messaging.MessagingTimeout as exc:
        return _answer({'status': 'UNAVAILABLE',
                        'reason': 'RPC timed out: %s' % exc}, detailed, 503)
    answer['ms'] = round((time.monotonic() - start) * 1000, 2)
    failed = [hop['error'] for hop in answer.values()
              if isinstance(hop, dict) and 'error' in hop]
    if failed:
        return _answer({'status': 'UNAVAILABLE', 'reason': '; '.join(failed),
                        'rpc': answer}, detailed, 503)
    return _answer({'status': 'OK', 'rpc': answer}, detailed)


def _timeout(text):
    try:
        timeout = float(text)
    except ValueError:
        timeout = -1
    if not 0 < timeout <= 60:
        raise errors.bad_request('timeout must be a number of seconds, '
                                 'more than 0 and at most 60.')
    return timeout


def _answer(body, detailed, status=200):
    """body for an admin; up or down alone for anyone else."""
    if not detailed:
        body = {'status': body['status']}
    return wsgi_util.json_response(body, status=status)
