# SPDX-License-Identifier: Apache-2.0
"""The import rules of docs/architecture.md.

Arrows point down the layers, and some rooms never meet.
"""

import ast
import pathlib

import pytest

import nova_like

PACKAGE_DIR = pathlib.Path(nova_like.__file__).parent

# Top to bottom: a module may import its own layer and the layers below it.
# A layer is a list of rooms; a room is a package (or module) under
# nova_like, the longest matching prefix wins (compute.api is not compute).
LAYERS = [
    ['cmd'],
    ['api', 'placement', 'network', 'volume'],
    ['compute.api'],
    ['conductor'],
    ['scheduler'],
    ['compute'],
    ['virt'],
    ['network.linux'],
    ['service', 'network.rpcapi', 'network.model', 'volume.rpcapi'],
    ['rpc'],
    ['objects'],
    ['db', 'clients', 'crypto', 'wsgi_server', 'wsgi_edge'],
    ['conf', 'context', 'exception', 'versions', 'policy_enforcer',
     'profiling', 'systemd'],
]

# Rooms of one layer are independent of each other, and beyond the layer
# order these never import each other's rooms, even downwards.
NEVER = {
    'api': {'db'},                      # handlers reach data by objects
    'compute.api': {'db'},              # so do the facades they call
    'compute': {'db'},                  # the daemon reaches data by RPC
    'virt': {'db', 'objects'},          # drivers see plain values
    'placement': {'compute', 'compute.api', 'conductor', 'scheduler',
                  'virt', 'objects', 'service', 'rpc', 'clients'},
    # The network service talks to hosts only by compute's RPC client.
    'network': {'compute.api', 'conductor', 'scheduler', 'virt'},
    # So does the volume service.
    'volume': {'compute.api', 'conductor', 'scheduler', 'virt', 'network'},
    # Host plumbing sees plain values, like virt.
    'network.linux': {'db', 'objects', 'rpc'},
}

# Single arrows allowed despite NEVER, each with its reason.
EXCEPTIONS = {
    # The last-resort handler tells a lost database connection (503, or a
    # retried read) from a bug (500) with the engine's classification.
    ('nova_like.api.wsgi', 'nova_like.db.engine'),
}


def _modules():
    for path in sorted(PACKAGE_DIR.rglob('*.py')):
        parts = path.relative_to(PACKAGE_DIR.parent).with_suffix('').parts
        if parts[-1] == '__init__':
            parts = parts[:-1]
        yield '.'.join(parts), path


MODULES = dict(_modules())


def _imports(path):
    """Every nova_like module named by an import, in a function or not."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                name = '%s.%s' % (node.module, alias.name)
                found.add(name if name in MODULES else node.module)
    return {name for name in found if name.split('.')[0] == 'nova_like'}


ROOMS = sorted({room for layer in LAYERS for room in layer},
               key=lambda room: -room.count('.'))
LAYER_OF = {room: index for index, layer in enumerate(LAYERS)
            for room in layer}


def room_of(module):
    rest = module.split('.', 1)[1] if '.' in module else ''
    for room in ROOMS:
        if rest == room or rest.startswith(room + '.'):
            return room
    return None


def violations(graph):
    """The arrows of {module: imported modules} that break the rules."""
    bad = []
    for module, imported in sorted(graph.items()):
        source = room_of(module)
        for target_module in sorted(imported):
            target = room_of(target_module)
            if source is None or target is None or source == target:
                continue
            if LAYER_OF[target] <= LAYER_OF[source]:
                bad.append('%s imports %s: %s is not below %s' % (
                    module, target_module, target, source))
            elif target in NEVER.get(source, ()) and \
                    (module, target_module) not in EXCEPTIONS:
                bad.append('%s imports %s: %s never imports %s' % (
                    module, target_module, source, target))
    return bad


def test_every_module_is_in_a_room():
    assert [m for m in MODULES if m != 'nova_like' and not room_of(m)] == []


def test_imports_follow_the_layers():
    graph = {module: _imports(path) for module, path in MODULES.items()}
    assert violations(graph) == []


@pytest.mark.parametrize('module, imported, why', [
    ('nova_like.compute.manager', 'nova_like.db.engine', 'never imports'),
    ('nova_like.compute.build', 'nova_like.compute.api.servers',
     'is not below'),
    ('nova_like.virt.fake', 'nova_like.db.main.instances', 'never imports'),
    ('nova_like.compute.api.hosts', 'nova_like.db.main.instances',
     'never imports'),
    ('nova_like.virt.fake', 'nova_like.objects.instance', 'never imports'),
    ('nova_like.objects.instance', 'nova_like.api.errors', 'is not below'),
    ('nova_like.placement.handler', 'nova_like.objects.flavor',
     'never imports'),
    ('nova_like.placement.handler', 'nova_like.api.errors', 'is not below'),
    ('nova_like.scheduler.manager', 'nova_like.conductor.api',
     'is not below'),
    ('nova_like.db.engine', 'nova_like.objects.base', 'is not below'),
])
def test_a_violation_is_found(module, imported, why):
    [found] = violations({module: {imported}})
    assert why in found


def cycles(graph):
    """Every import cycle met walking {module: imported modules}."""
    seen, stack, found = set(), [], []

    def visit(module):
        if module in stack:
            found.append(stack[stack.index(module):] + [module])
            return
        if module in seen:
            return
        seen.add(module)
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            visit(target)
        stack.pop()

    for module in sorted(graph):
        visit(module)
    return found


def test_no_module_level_cycles():
    graph = {module: _top_level_imports(path)
             for module, path in MODULES.items()}
    assert cycles(graph) == []


def test_a_cycle_is_found():
    assert cycles({'a': {'b'}, 'b': {'c'}, 'c': {'a'}}) == [
        ['a', 'b', 'c', 'a']]


def _top_level_imports(path):
    """The nova_like modules a module imports while it is being imported."""
    found = set()
    for node in ast.parse(path.read_text(), str(path)).body:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                name = '%s.%s' % (node.module, alias.name)
                found.add(name if name in MODULES else node.module)
    return {name for name in found if name in MODULES}
