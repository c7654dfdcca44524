# SPDX-License-Identifier: Apache-2.0
"""Request groups: resources, traits and aggregates from a query string."""

import re

from nova_like.placement import errors
from nova_like.placement import util

_GROUP_KEY_RE = re.compile(
    r'^(resources|required|member_of|in_tree)([1-9][0-9]*|_[a-zA-Z0-9_-]{1,64})?$')
_NUMERIC_SUFFIX_RE = re.compile(r'^[1-9][0-9]*$')
_TRAIT_RE = re.compile(r'^[A-Z0-9_]+$')
_RC_RE = re.compile(r'^[A-Z0-9_]+$')


class RequestGroup:
    """One group of a request: everything for it comes from one provider,
    except in the unsuffixed group where resources may be spread over a tree.
    """

    def __init__(self, suffix=''):
        self.suffix = suffix
        self.resources = {}          # class name -> amount
        self.required_any = []       # list of sets of trait names
        self.forbidden = set()       # trait names
        self.member_of = []          # list of sets of aggregate uuids
        self.forbidden_aggs = set()  # aggregate uuids
        self.in_tree = None          # provider uuid

    @property
    def use_same_provider(self):
        return self.suffix != ''

    @property
    def trait_names(self):
        names = set(self.forbidden)
        for any_of in self.required_any:
            names |= any_of
        return names


def _bad(msg):
    return errors.BadRequest(msg, code=errors.QUERYPARAM_BAD_VALUE)


def parse_resources(text, key='resources'):
    """'VCPU:1,MEMORY_MB:512' -> {'VCPU': 1, 'MEMORY_MB': 512}."""
    result = {}
    for item in text.split(','):
        try:
            name, amount = item.split(':')
        except ValueError:
            raise _bad('Badly formed %s parameter. Expected %s query string '
                       'parameter in form: ?%s=VCPU:2,MEMORY_MB:1024. Got: %s.'
                       % (key, key, key, text))
        name = name.strip()
        if not _RC_RE.match(name):
            raise _bad('Badly formed %s parameter: invalid resource class '
                       'name %r.' % (key, name))
        try:
            value = int(amount)
        except ValueError:
            value = 0
        if value < 1 or str(value) != amount.strip():
            raise _bad('Requested resource %s expected positive integer '
                       'amount. Got: %s.' % (name, amount))
        if name in result:
            raise _bad('Badly formed %s parameter: resource class %s appears '
                       'more than once.' % (key, name))
        result[name] = value
    return result


def _check_trait_name(key, name, text):
    if not name or not _TRAIT_RE.match(name):
        raise _bad("Invalid query string parameters: Expected '%s' parameter "
                   "value of the form: HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: %s"
                   % (key, text))


def parse_required(text, key, allow_forbidden, allow_any):
    """One 'required' value -> (list of any-of sets, forbidden set)."""
    required_any, forbidden = [], set()
    if text.startswith('in:'):
        if not allow_any:
            raise _bad("Invalid query string parameters: The 'in:' prefix "
                       "for '%s' requires microversion 1.39. Got: %s"
                       % (key, text))
        names = [n.strip() for n in text[3:].split(',')]
        for name in names:
            _check_trait_name(key, name, text)
        return [set(names)], forbidden
    for name in (n.strip() for n in text.split(',')):
        if name.startswith('!'):
            if not allow_forbidden:
                _check_trait_name(key, name, text)
            _check_trait_name(key, name[1:], text)
            forbidden.add(name[1:])
        else:
            _check_trait_name(key, name, text)
            required_any.append({name})
    conflict = forbidden & {n for s in required_any for n in s}
    if conflict:
        raise _bad('Conflicting required and forbidden traits found in the '
                   "following traits keys: %s: (%s)"
                   % (key, ', '.join(sorted(conflict))))
    return required_any, forbidden


def parse_member_of(text, key, allow_forbidden):
    """One 'member_of' value -> (any-of set or None, forbidden set)."""
    negate = text.startswith('!')
    if negate:
        if not allow_forbidden:
            raise _bad("Invalid query string parameters: Expected '%s' "
                       "parameter to contain valid UUID(s). Got: %s"
                       % (key, text))
        text = text[1:]
    any_of = text.startswith('in:')
    uuids = [u.strip() for u in (text[3:] if any_of else text).split(',')]
    if not any_of and len(uuids) > 1 and not negate:
        raise _bad("Invalid query string parameters: Expected '%s' parameter "
                   "to contain valid UUID(s) as 'in:UUID1,UUID2' when giving "
                   "several. Got: %s" % (key, text))
    for u in uuids:
        if not util.is_uuid(u):
            raise _bad("Invalid query string parameters: Expected '%s' "
                       "parameter to contain valid UUID(s). Got: %s"
                       % (key, u))
    uuids = {util.normalize_uuid(u) for u in uuids}
    if negate:
        if any_of or len(uuids) == 1:
            return None, uuids
        raise _bad("Invalid query string parameters: Expected '%s' parameter "
                   "with '!' to be '!in:UUID1,UUID2' or '!UUID'. Got: %s"
                   % (key, text))
    return uuids, set()


def parse_in_tree(text, key):
    if not util.is_uuid(text):
        raise _bad("Invalid query string parameters: Expected '%s' parameter "
                   "to be a format of uuid. Got: %s" % (key, text))
    return util.normalize_uuid(text)


def groups_from_query(req, version):
    """{suffix: RequestGroup} from the query of GET /allocation_candidates."""
    groups = {}
    granular = version >= (1, 25)
    string_suffix = version >= (1, 33)
    for key in req.GET.keys():
        match = _GROUP_KEY_RE.match(key)
        if not match:
            continue
        kind, suffix = match.group(1), match.group(2) or ''
        if suffix and (not granular or (
                not string_suffix and not _NUMERIC_SUFFIX_RE.match(suffix))):
            raise _bad('Invalid query string parameters: Additional '
                       "properties are not allowed ('%s' was unexpected)"
                       % key)
        if kind == 'in_tree' and version < (1, 31):
            raise _bad('Invalid query string parameters: Additional '
                       "properties are not allowed ('%s' was unexpected)"
                       % key)
        if kind == 'required' and version < (1, 17) or \
                kind == 'member_of' and version < (1, 21):
            raise _bad('Invalid query string parameters: Additional '
                       "properties are not allowed ('%s' was unexpected)"
                       % key)
        group = groups.setdefault(suffix, RequestGroup(suffix))
        values = req.GET.getall(key)
        if kind == 'resources':
            if len(values) > 1:
                raise errors.BadRequest(
                    'Query parameter %r may be given only once' % key,
                    code=errors.ILLEGAL_DUPLICATE_QUERYPARAM)
            group.resources = parse_resources(values[0], key)
        elif kind == 'required':
            if len(values) > 1 and version < (1, 39):
                raise errors.BadRequest(
                    'Query parameter %r may be given only once before '
                    'microversion 1.39' % key,
                    code=errors.ILLEGAL_DUPLICATE_QUERYPARAM)
            for value in values:
                req_any, forb = parse_required(
                    value, key, version >= (1, 22), version >= (1, 39))
                group.required_any.extend(req_any)
                group.forbidden |= forb
        elif kind == 'member_of':
            if len(values) > 1 and version < (1, 24):
                raise errors.BadRequest(
                    'Multiple member_of parameters are not supported before '
                    'microversion 1.24',
                    code=errors.ILLEGAL_DUPLICATE_QUERYPARAM)
            for value in values:
                any_of, forb = parse_member_of(value, key, version >= (1, 32))
                if any_of:
                    group.member_of.append(any_of)
                group.forbidden_aggs |= forb
        else:
            if len(values) > 1:
                raise errors.BadRequest(
                    'Query parameter %r may be given only once' % key,
                    code=errors.ILLEGAL_DUPLICATE_QUERYPARAM)
            group.in_tree = parse_in_tree(values[0], key)
    for group in groups.values():
        required = {n for s in group.required_any for n in s}
        conflict = required & group.forbidden
        if conflict and all(len(s) == 1 for s in group.required_any):
            raise _bad('Conflicting required and forbidden traits found in '
                       'the following traits keys: required%s: (%s)'
                       % (group.suffix, ', '.join(sorted(conflict))))
    return groups


def parse_root_required(req):
    """root_required -> (list of any-of sets, forbidden set)."""
    values = req.GET.getall('root_required')
    required_any, forbidden = [], set()
    for value in values:
        req_any, forb = parse_required(value, 'root_required', True, False)
        required_any.extend(req_any)
        forbidden |= forb
    return required_any, forbidden


def parse_same_subtree(req, groups):
    """same_subtree values -> a list of suffix lists naming known groups."""
    result = []
    for value in req.GET.getall('same_subtree'):
        suffixes = [s.strip() for s in value.split(',')]
        unknown = [s for s in suffixes if s not in groups or s == '']
        if unknown:
            raise _bad('Real suffixes are required in same_subtree. Unknown '
                       'or unsuffixed request group(s): %s'
                       % ', '.join(repr(s) for s in unknown))
        result.append(suffixes)
    return result
