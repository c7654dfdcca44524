# SPDX-License-Identifier: Apache-2.0
"""Fail when a Markdown page links to, or names, a file that is not there.

Checked in every tracked ``*.md`` outside tests/samples/:

- Markdown links ``[text](target)`` to a relative path: the file or folder
  must exist (relative to the page), and a ``#fragment`` must be a heading
  of the page it points to (GitHub's way of making anchors).
- Paths written in backquotes that start at a top-level folder or file of
  the repository (``nova_like/db/engine.py``, ``docs/placement.md``,
  ``tools/lab.sh``): they must exist. ``{a,b}`` is expanded; a path with a
  placeholder (``<service>``, ``*``, ``...``) is skipped.

Usage: python tools/check_doc_links.py [FILE.md ...]   (exit 1 on any miss)
"""

import itertools
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
_LINK = re.compile(r'(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)')
_CODE = re.compile(r'`([^`\n]+)`')
_FENCE = re.compile(r'^\s*(```|~~~)')
_HEADING = re.compile(r'^#{1,6}\s+(.*?)\s*#*\s*$')
_BRACES = re.compile(r'\{([^{}]*,[^{}]*)\}')
_PLACEHOLDER = re.compile(r'[<>*?]|\.\.\.|\$')


def _tracked_pages():
    out = subprocess.check_output(['git', 'ls-files', '*.md'], cwd=ROOT,
                                  text=True)
    return [p for p in out.split()
            if not p.startswith('tests/samples/')]


def _roots():
    """Names at the top of the repository that a path may start with."""
    out = subprocess.check_output(['git', 'ls-files'], cwd=ROOT, text=True)
    return {p.split('/', 1)[0] for p in out.split()}


def anchor(heading):
    """The anchor GitHub makes of a heading's text."""
    text = re.sub(r'`([^`]*)`', r'\1', heading).strip().lower()
    text = re.sub(r'[^\w\- ]', '', text)
    return text.replace(' ', '-')


def _anchors(path):
    found, seen, fenced = set(), {}, False
    with open(path, encoding='utf-8') as f:
        for line in f:
            if _FENCE.match(line):
                fenced = not fenced
                continue
            match = None if fenced else _HEADING.match(line)
            if match:
                slug = anchor(match.group(1))
                count = seen.get(slug, 0)
                seen[slug] = count + 1
                found.add(slug if not count else '%s-%d' % (slug, count))
    return found


def _expand(path):
    """`a/{b,c}.py` -> ['a/b.py', 'a/c.py']."""
    parts = _BRACES.split(path)
    choices = [[p] if i % 2 == 0 else p.split(',')
               for i, p in enumerate(parts)]
    return [''.join(c) for c in itertools.product(*choices)]


def _prose_lines(path):
    """(number, line) of the page outside fenced code blocks."""
    fenced = False
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            if _FENCE.match(line):
                fenced = not fenced
                continue
            if not fenced:
                yield number, line


def check_link(page, target):
    """The problem with a Markdown link target, or None."""
    if re.match(r'^[a-z][a-z0-9+.-]*:', target) or target.startswith('//'):
        return None  # an URL: not ours to check offline
    path, _, fragment = target.partition('#')
    base = os.path.dirname(os.path.join(ROOT, page))
    dest = os.path.normpath(os.path.join(base, path)) if path else \
        os.path.join(ROOT, page)
    if not os.path.exists(dest):
        return 'links to %s, which does not exist' % path
    if fragment and dest.endswith('.md') and \
            fragment not in _anchors(dest):
        return 'links to #%s, which is no heading of %s' % (
            fragment, os.path.relpath(dest, ROOT))
    return None


def check_named_path(text, roots):
    """The problem with a path named in backquotes, or None."""
    words = text.strip().rstrip('/').split()
    text = words[0] if words else ''
    if not text or _PLACEHOLDER.search(text):
        return None
    text = text.split(':', 1)[0]  # path:function, path::test
    if text.split('/', 1)[0] not in roots or text.startswith('/'):
        return None
    if '/' not in text and '.' not in text:
        return None  # a bare word that happens to match a top-level name
    missing = [p for p in _expand(text)
               if not os.path.exists(os.path.join(ROOT, p))]
    if missing:
        return 'names %s, which does not exist' % ', '.join(missing)
    return None


def check_page(page, roots):
    problems = []
    for number, line in _prose_lines(os.path.join(ROOT, page)):
        for target in _LINK.findall(line):
            problem = check_link(page, target)
            if problem:
                problems.append('%s:%d: %s' % (page, number, problem))
        for text in _CODE.findall(line):
            problem = check_named_path(text, roots)
            if problem:
                problems.append('%s:%d: %s' % (page, number, problem))
    return problems


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    roots = _roots()
    pages = [os.path.relpath(os.path.abspath(p), ROOT) for p in argv] \
        if argv else _tracked_pages()
    problems = []
    for page in pages:
        problems.extend(check_page(page, roots))
    for problem in problems:
        print(problem)
    print('%d page(s) checked, %d problem(s)' % (len(pages), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
