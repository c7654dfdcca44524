# SPDX-License-Identifier: Apache-2.0
"""nova_like.conf.opts: what oslo-config-generator lists.

And that every option explains itself.
"""

from oslo_config import cfg

from nova_like.conf import opts


def _all_opts():
    for group, group_opts in opts.list_opts():
        for opt in group_opts:
            yield group, opt


def test_groups_are_sorted_and_unique():
    groups = [group for group, _opts in opts.list_opts()]
    assert groups == sorted(set(groups))
    assert 'DEFAULT' in groups


def test_every_option_has_help_text():
    missing = ['[%s] %s' % (group, opt.name) for group, opt in _all_opts()
               if not (opt.help or '').strip()]
    assert missing == [], 'options without help text: %s' % missing


def test_every_group_has_a_title_or_help():
    for module in opts._MODULES:
        for value in vars(module).values():
            if isinstance(value, cfg.OptGroup):
                assert value.title or value.help, value.name


def test_option_names_are_unique_per_group():
    seen = set()
    for group, opt in _all_opts():
        assert (group, opt.dest) not in seen, (group, opt.dest)
        seen.add((group, opt.dest))


def test_database_urls_are_secret():
    secret = {(group, opt.name) for group, opt in _all_opts() if opt.secret}
    assert {('database', 'connection'), ('api_database', 'connection'),
            ('placement_database', 'connection')} <= secret
