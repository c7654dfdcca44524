# SPDX-License-Identifier: Apache-2.0
"""The committed policy samples are what the generator makes today.

The samples are in etc/nova_like; the generator is
oslopolicy-sample-generator.
"""

import difflib
import os

import pytest
from oslo_config import cfg
from oslo_policy import generator

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..',
                                    '..'))


@pytest.mark.parametrize('service', ['compute', 'placement', 'network',
                                     'volume'])
def test_committed_policy_sample_is_up_to_date(service, tmp_path):
    conf = 'etc/nova_like/%s-policy-generator.conf' % service
    sample = 'etc/nova_like/%s-policy.yaml.sample' % service
    fresh = tmp_path / 'policy.yaml.sample'
    generator.generate_sample(args=['--config-file', os.path.join(ROOT, conf),
                                    '--output-file', str(fresh)],
                              conf=cfg.ConfigOpts())
    with open(os.path.join(ROOT, sample)) as f:
        committed = f.read().splitlines(keepends=True)
    generated = fresh.read_text().splitlines(keepends=True)
    diff = ''.join(difflib.unified_diff(committed, generated, sample,
                                        'generated', n=1))
    assert not diff, (
        '%s is stale: a rule changed. From the repository root run\n'
        '  oslopolicy-sample-generator --config-file %s\n'
        'and commit the result. Difference:\n%s' % (sample, conf, diff[:4000]))
    # Each sample holds its own service's rules, not the compute API's.
    assert ('os_compute_api' in ''.join(committed)) == (service == 'compute')
