# SPDX-License-Identifier: Apache-2.0
"""profiling with NOVA_LIKE_PROFILE set.

Every thread's calls are in the file written at exit.
"""

import os
import pstats
import subprocess
import sys

_CHILD = '''
import threading
from nova_like import profiling

def work_in_a_thread():
    return sum(range(1000))

profiling.install('unit-daemon')
thread = threading.Thread(target=work_in_a_thread)
thread.start()
thread.join()
'''


def _run(env):
    subprocess.run([sys.executable, '-c', _CHILD], check=True, env=env,
                   cwd=os.path.dirname(os.path.dirname(os.path.dirname(
                       os.path.abspath(__file__)))))


def test_a_thread_started_after_install_is_in_the_profile(tmp_path):
    _run(dict(os.environ, NOVA_LIKE_PROFILE=str(tmp_path)))
    [path] = tmp_path.iterdir()
    assert path.name.startswith('unit-daemon.') and path.suffix == '.prof'
    functions = {name for _file, _line, name in pstats.Stats(str(path)).stats}
    assert 'work_in_a_thread' in functions


def test_nothing_is_written_without_the_variable(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != 'NOVA_LIKE_PROFILE'}
    _run(dict(env, TMPDIR=str(tmp_path)))
    assert list(tmp_path.iterdir()) == []
