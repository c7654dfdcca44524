# SPDX-License-Identifier: Apache-2.0
"""The message broker: resending what found no queue; reconnect defaults.

oslo.messaging's RabbitMQ queues are not durable: a broker restart
(`rabbitmqctl stop_app`/`start_app`, a node reboot) forgets them, and each
server declares its queue again only once it has reconnected. A message
published to a topic before that is routed nowhere: the broker drops it, a
call then waits its whole timeout and a cast is lost (issue 16;
docs/operations.md "The message broker goes away and comes back").
"""

from oslo_config import cfg
# oslo.messaging has no public set_defaults for its driver options: this is
# where they live (oslo_messaging.opts lists copies of these very lists).
from oslo_messaging._drivers import impl_rabbit

opts = [
    cfg.IntOpt('rpc_missing_queue_timeout', default=30, min=0,
               help='Seconds during which a call or cast that the broker '
                    'could not route to any queue (its servers have not '
                    'declared their queues again since the broker '
                    'restarted) is sent again, every 0.25 s. Then a call '
                    'fails with MessagingTimeout (never later than its own '
                    'timeout) and a cast with RPCUndeliverable. 0 turns this '
                    'off: messages go without the AMQP mandatory flag, as '
                    'oslo.messaging sends them by default, and the broker '
                    'drops what it cannot route.'),
]

# How soon a daemon notices that the broker is back: after a failed attempt
# it sleeps kombu_reconnect_delay (1 s) plus an interval that grows by
# rabbit_retry_backoff up to rabbit_interval_max. oslo.messaging's 30 s lets
# a server come back half a minute after the broker did, while the clients
# that reconnect first get "no queue" for their messages all that time. 5 s
# is the network recovery interval of RabbitMQ's own Java client.
RABBIT_DEFAULTS = {
    'rabbit_interval_max': 5,
}


def set_defaults():
    """Put our defaults on oslo.messaging's [oslo_messaging_rabbit] options.

    Must run before a transport reads them (register_opts, at import of
    nova_like.conf); list_opts runs it too, so that oslo-config-generator
    (namespace nova_like before oslo.messaging) writes them in the sample.
    """
    cfg.set_defaults(impl_rabbit.rabbit_opts, **RABBIT_DEFAULTS)


def register_opts(conf):
    set_defaults()
    conf.register_opts(opts)


def list_opts():
    set_defaults()
    return {'DEFAULT': opts}
