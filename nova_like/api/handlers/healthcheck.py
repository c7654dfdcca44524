# SPDX-License-Identifier: Apache-2.0
"""GET /healthcheck: is this API up.

With ?rpc=1, also: does RPC reach the daemons behind it.
"""

import time

import oslo_messaging as messaging

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
    if _conductor is None:
        _conductor = conductor_api.API()
    start = time.monotonic()
    try:
        answer = _conductor.ping(
            nl_context.get_admin_context(), scheduler=True,
            compute_host=request.GET.get('compute_host') or None,
            timeout=float(request.GET.get('timeout', 10)))
    except messaging.MessagingTimeout as exc:
        return wsgi_util.json_response(
            {'status': 'UNAVAILABLE', 'reason': 'RPC timed out: %s' % exc},
            status=503)
    answer['ms'] = round((time.monotonic() - start) * 1000, 2)
    failed = [hop['error'] for hop in answer.values()
              if isinstance(hop, dict) and 'error' in hop]
    if failed:
        return wsgi_util.json_response(
            {'status': 'UNAVAILABLE', 'reason': '; '.join(failed),
             'rpc': answer}, status=503)
    return wsgi_util.json_response({'status': 'OK', 'rpc': answer})
