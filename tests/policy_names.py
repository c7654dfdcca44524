# SPDX-License-Identifier: Apache-2.0
"""The policy rule names a module's source uses.

Constants read from a policies module, and literals.
"""

import ast
import importlib


def _aliases(tree, package):
    """{local name: module} of every import of package or a module in it."""
    parent, _dot, last = package.rpartition('.')
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == package:
            for alias in node.names:
                found[alias.asname or alias.name] = '%s.%s' % (
                    package, alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module == parent:
            for alias in node.names:
                if alias.name == last:
                    found[alias.asname or alias.name] = package
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(package) and alias.asname:
                    found[alias.asname] = alias.name
    return found


def _chain(node):
    """['policies', 'servers', 'SHOW'] for policies.servers.SHOW, else None."""
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id] + names[::-1]


def names_used(source, package, prefix):
    """([(line, expression, rule name)], [(line, literal)]) of source.

    The first list holds every string constant read from package (the
    policies package or one of its modules); the second every string literal
    that starts with prefix, i.e. a rule name spelled out in place.
    """
    tree = ast.parse(source)
    aliases = _aliases(tree, package)
    constants, literals = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and node.value.startswith(prefix):
            literals.append((node.lineno, node.value))
        chain = _chain(node) if isinstance(node, ast.Attribute) else None
        if not chain or chain[0] not in aliases:
            continue
        value = importlib.import_module(aliases[chain[0]])
        for name in chain[1:]:
            value = getattr(value, name)
        if isinstance(value, str):
            constants.append((node.lineno, '.'.join(chain), value))
    return constants, literals
