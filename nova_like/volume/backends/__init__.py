# SPDX-License-Identifier: Apache-2.0
"""Volume backends: where a volume's bytes live, chosen by [volume] backend.

A backend is a class built with the config, with:

    create(volume_id, size_gb)
    create_from(volume_id, source_path, size_gb)  # a copy, then grown
    delete(volume_id)                             # gone already is fine
    extend(volume_id, new_size_gb)
    local_path(volume_id) -> str                  # what a local host opens
    capacity() -> (total_gb, free_gb)             # free for new volumes

Sizes are GiB. create, create_from and extend raise InsufficientCapacity
before touching anything when the room is not there, BackendError for
anything else, each with a message for the volume's owner.
"""

import importlib

from nova_like import exception

# name -> 'module:Class'; a backend module adds its own line.
BACKENDS = {
    'file': 'nova_like.volume.backends.file:FileBackend',
}


class BackendError(exception.NovaLikeException):
    msg_fmt = 'The volume backend failed: %(reason)s'


class InsufficientCapacity(BackendError):
    msg_fmt = ('Insufficient free space on the %(backend)s backend for '
               '%(what)s: %(asked)d GiB asked, %(free).2f GiB free '
               '(%(reserved)d%% of %(total).2f GiB kept in reserve)')


def get_backend(conf):
    """The backend [volume] backend names, built with conf.

    :raises: ConfigError when no backend of that name is available.
    """
    name = conf.volume.backend
    where = BACKENDS.get(name)
    if where is None:
        raise exception.ConfigError(
            option='[volume] backend',
            reason='%s is not available here (available: %s)'
            % (name, ', '.join(sorted(BACKENDS))))
    module, _, cls = where.partition(':')
    return getattr(importlib.import_module(module), cls)(conf)
