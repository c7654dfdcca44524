# SPDX-License-Identifier: Apache-2.0
"""Run every gabbits/*.yaml file against an in-process Placement.

Each YAML file is one pytest test: its fixture gives it a fresh SQLite
database, and its tests run in order (later ones use earlier responses).
A failure names the gabbi test that failed and what it expected.
"""

import os
import unittest

from gabbi import driver
import pytest

from tests.functional.placement import fixtures

HERE = os.path.dirname(__file__)
GABBITS = os.path.join(HERE, 'gabbits')


def _suites():
    loader = unittest.TestLoader()
    top = driver.build_tests(GABBITS, loader, host=None,
                             intercept=fixtures.current_app,
                             fixture_module=fixtures,
                             test_loader_name=__name__)
    suites = {}
    for file_suite in top:
        first = next(iter(file_suite))
        # gabbi names each test class '<file name>_<test name>'.
        suites[type(first).__name__.split('_', 1)[0]] = file_suite
    return suites


_SUITES = _suites()


@pytest.mark.parametrize('name', sorted(_SUITES))
def test_gabbit(name):
    result = unittest.TestResult()
    _SUITES[name].run(result)
    problems = ['%s\n%s' % (test.id(), trace)
                for test, trace in result.failures + result.errors]
    assert not problems, '\n\n'.join(problems)
    assert result.testsRun > 0
