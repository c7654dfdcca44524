# SPDX-License-Identifier: Apache-2.0
"""What every API refuses at its edge: input that cannot be text.

One rule for the Compute API, Placement, the network and volume APIs:
the path and the query string are UTF-8 without NUL (the path without any
control character: an id is exactly an id; no segment over
MAX_SEGMENT characters), a body is at most
MAX_BODY_BYTES of UTF-8 JSON, nested at most MAX_DEPTH deep, whose strings
hold no NUL and no lone surrogate, with no NaN or Infinity and no integer
outside 64 bits (no database column holds one). Each API turns
BadInput into its own error body; nothing of this reaches a handler or a
database.
"""

import json
import re
import urllib.parse

# As oslo.middleware's sizelimit default ([oslo_middleware]
# max_request_body_size), which Nova runs behind.
MAX_BODY_BYTES = 114688
# Nova's and Placement's deepest bodies nest six levels.
MAX_DEPTH = 32

# No id or name of any API is longer (the widest columns are 255).
MAX_SEGMENT = 255
# The range of a 64-bit signed column (BIGINT), the widest any backend has.
MIN_INT = -2 ** 63
MAX_INT = 2 ** 63 - 1

# ASCII only: str.isdigit() is also true of '\u00b2', which int() refuses.
_DIGITS = re.compile('[0-9]+')
_CONTROL = re.compile('[\x00-\x1f\x7f]')
_BAD_TEXT = re.compile('[\x00\ud800-\udfff]')


class BadInput(Exception):
    """A request refused at the edge: status (400, 413) and why."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def check_request(environ):
    """Raise BadInput for a path, query string or declared body size that
    no handler can take (call before routing, on every request)."""
    raw = environ.get('PATH_INFO', '')
    try:
        # PEP 3333: the server hands the path's bytes over as latin-1.
        path = raw.encode('latin-1').decode('utf-8')
    except (UnicodeEncodeError, UnicodeDecodeError):
        raise BadInput('The path is not valid UTF-8.')
    found = _CONTROL.search(path)
    if found:
        raise BadInput('The path holds the control character %r: an id or '
                       'name in a path never does.' % found.group())
    longest = max(path.split('/'), key=len)
    if len(longest) > MAX_SEGMENT:
        raise BadInput('A segment of the path is %d characters long; no id '
                       'or name is longer than %d.'
                       % (len(longest), MAX_SEGMENT))
    query = environ.get('QUERY_STRING', '')
    if query:
        try:
            pairs = urllib.parse.parse_qsl(query, keep_blank_values=True,
                                           encoding='utf-8',
                                           errors='strict')
        except (UnicodeDecodeError, ValueError):
            raise BadInput('The query string is not valid UTF-8.')
        for key, value in pairs:
            if '\x00' in key or '\x00' in value:
                raise BadInput('The query parameter %r holds a NUL '
                               'character.' % key.replace('\x00', ''))
    length = environ.get('CONTENT_LENGTH') or '0'
    if _DIGITS.fullmatch(length) and int(length) > MAX_BODY_BYTES:
        raise BadInput(_too_large(int(length)), 413)


def _too_large(size):
    return ('The request body is %d bytes; at most %d are taken.'
            % (size, MAX_BODY_BYTES))


def _no_constant(name):
    raise BadInput('%s is not a JSON value.' % name)


def load_json(body):
    """The JSON document of body (bytes); BadInput saying what is wrong."""
    if len(body) > MAX_BODY_BYTES:
        raise BadInput(_too_large(len(body)), 413)
    try:
        text = body.decode('utf-8')
    except UnicodeDecodeError as exc:
        raise BadInput('The body is not UTF-8 (byte %d).' % exc.start)
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise BadInput('The body is nested deeper than %d levels.'
                       % MAX_DEPTH)
    except ValueError as exc:
        raise BadInput('The body is not valid JSON: %s.' % exc)
    check_document(document)
    return document


def check_document(document):
    """Raise BadInput for a decoded JSON document nested deeper than
    MAX_DEPTH, with a string that holds NUL or a lone surrogate, or with
    an integer outside MIN_INT..MAX_INT."""
    stack = [(document, 1, '')]
    while stack:
        value, depth, where = stack.pop()
        if isinstance(value, str):
            _check_text(value, where)
            continue
        if isinstance(value, int) and not isinstance(value, bool) and \
                not MIN_INT <= value <= MAX_INT:
            raise BadInput('An integer of the body%s is outside the 64-bit '
                           'range (%d..%d).' % (
                               ' (at %s)' % where if where else '',
                               MIN_INT, MAX_INT))
        if not isinstance(value, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            raise BadInput('The body is nested deeper than %d levels.'
                           % MAX_DEPTH)
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key, where)
                stack.append((item, depth + 1, '%s/%s' % (where, key)))
        else:
            stack.extend((item, depth + 1, '%s/%d' % (where, index))
                         for index, item in enumerate(value))


def _check_text(text, where):
    found = _BAD_TEXT.search(text)
    if found:
        kind = 'a NUL character' if found.group() == '\x00' else \
            'a lone surrogate (not a Unicode character)'
        raise BadInput('A string of the body%s holds %s.'
                       % (' (at %s)' % where if where else '', kind))
