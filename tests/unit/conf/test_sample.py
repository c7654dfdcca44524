# SPDX-License-Identifier: Apache-2.0
"""The committed config sample is what oslo-config-generator makes today.

The sample is etc/nova_like/nova_like.conf.sample.
"""

import difflib
import os

from oslo_config import generator

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..',
                                    '..'))
GENERATOR_CONF = 'etc/nova_like/nova_like-config-generator.conf'
SAMPLE = 'etc/nova_like/nova_like.conf.sample'


def test_generator_config_writes_the_committed_sample():
    with open(os.path.join(ROOT, GENERATOR_CONF)) as f:
        text = f.read()
    assert 'output_file = %s' % SAMPLE in text
    assert 'wrap_width = 79' in text
    for namespace in ('nova_like', 'oslo.messaging', 'oslo.log'):
        assert 'namespace = %s\n' % namespace in text


def test_committed_sample_is_up_to_date(tmp_path):
    fresh = tmp_path / 'nova_like.conf.sample'
    generator.main(['--config-file', os.path.join(ROOT, GENERATOR_CONF),
                    '--output-file', str(fresh)])
    with open(os.path.join(ROOT, SAMPLE)) as f:
        committed = f.read().splitlines(keepends=True)
    generated = fresh.read_text().splitlines(keepends=True)
    diff = ''.join(difflib.unified_diff(committed, generated, SAMPLE,
                                        'generated', n=1))
    assert not diff, (
        '%s is stale: an option changed. From the repository root run\n'
        '  oslo-config-generator --config-file %s\n'
        'and commit the result. Difference:\n%s'
        % (SAMPLE, GENERATOR_CONF, diff[:4000]))


def test_sample_does_not_leak_this_machine():
    with open(os.path.join(ROOT, SAMPLE)) as f:
        text = f.read()
    assert '#host = <current_hostname>' in text
    assert ROOT not in text
