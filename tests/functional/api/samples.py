# SPDX-License-Identifier: Apache-2.0
"""Nova 34's captured API exchanges (tests/samples/nova-34-api-samples)."""

import json
import os

DIRECTORY = os.path.join(os.path.dirname(__file__), '..', '..', 'samples',
                         'nova-34-api-samples')


def exchange(name):
    with open(os.path.join(DIRECTORY, name)) as f:
        return json.load(f)


def body(name):
    return exchange(name)['response']['body']


def shape(value):
    """The structure of a JSON value: keys and item shapes, not values."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return type(value).__name__
