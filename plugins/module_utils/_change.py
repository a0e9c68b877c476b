# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""runbeam_change: read where each change is, plan the moves, then make them.

Planning is pure (plan(), after_moves()) so every rule is unit-tested without
HTTP; read_changes() and apply() are the only functions that talk to the client.
"""

from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamError, RunbeamNotFoundError

STATUSES = ['pending', 'acknowledged', 'applied', 'failed']
TARGETS = ['acknowledged', 'applied', 'failed']
# Where a change may still move from; anything else is final.
MOVABLE = ('pending', 'acknowledged')

ARGUMENT_SPEC = dict(
    ids=dict(type='list', elements='str', required=True, aliases=['id']),
    state=dict(type='str', required=True, choices=TARGETS),
    error=dict(type='str'),
    details=dict(type='list', elements='str'),
    discover=dict(type='bool', default=False),
)
REQUIRED_IF = [('state', 'failed', ['error'])]


class ChangePlanError(RunbeamError):
    """The requested move is impossible for some ids; nothing was sent."""


class PartialChangeError(RunbeamError):
    """A POST failed after earlier ones succeeded: the failure also reports what did move."""

    def __init__(self, cause, changed_ids):
        super(PartialChangeError, self).__init__(
            '%s (already moved before this failure: %s)' % (cause.message, ', '.join(changed_ids)),
            route=cause.route, status=cause.status, field_errors=cause.field_errors)
        self.changed_ids = list(changed_ids)

    def details(self):
        extra = super(PartialChangeError, self).details()
        extra.update(changed=True, changed_ids=self.changed_ids)
        return extra


class Plan(object):
    """What to do with the requested ids, in the order given."""

    def __init__(self, target, moving, acknowledge, mark):
        self.target = target
        self.changed_ids = moving       # every id whose status will move
        self.acknowledge = acknowledge  # ids still pending: one bulk acknowledge
        self.mark = mark                # ids to mark applied/failed afterwards, one POST each


def unique(ids):
    """ids without repeats, first occurrence kept (id: [a, a] must not post twice)."""
    seen = set()
    return [i for i in ids if not (i in seen or seen.add(i))]


def check_params(params):
    """A message for option values no request should be sent with, or None."""
    if not params['ids'] or not all(change_id.strip() for change_id in params['ids']):
        return 'ids must name at least one change, and no id may be empty.'
    if params['state'] == 'failed' and not params['error'].strip():
        return 'error must say why the changes failed (it is empty).'
    return None


def ignored_options(params):
    """Options given that only state=failed uses, to warn about."""
    if params['state'] == 'failed':
        return []
    return [name for name in ('error', 'details') if params.get(name)]


def plan(ids, known, target):
    """The Plan for moving ids to target, given known {id: change}; raise ChangePlanError when impossible."""
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ChangePlanError('Unknown change id(s) for this gateway: %s. Nothing was changed.' % ', '.join(unknown))
    stuck = ['%s is %s' % (i, known[i].get('status')) for i in ids
             if known[i].get('status') != target and known[i].get('status') not in MOVABLE]
    if stuck:
        raise ChangePlanError('Cannot move to %s: %s (a final state). Nothing was changed.' % (target, '; '.join(stuck)))
    moving = [i for i in ids if known[i].get('status') != target]
    acknowledge = [i for i in moving if known[i].get('status') == 'pending']
    mark = moving if target != 'acknowledged' else []
    return Plan(target, moving, acknowledge, mark)


def after_moves(change, status, error=None):
    """change as it stands once moved to status (when the server's answer does not carry it)."""
    moved = dict(change)
    moved['status'] = status
    if status == 'failed':
        moved['error'] = error
    return moved


def read_changes(client, ids):
    """{id: change} for the ids that exist: one sweep of the list, then one GET per id it did not show."""
    wanted = set(ids)
    known = dict((c.get('id'), c) for c in client.list_changes(statuses=STATUSES) if c.get('id') in wanted)
    for change_id in ids:
        if change_id not in known:
            try:
                known[change_id] = client.get_change(change_id)
            except RunbeamNotFoundError:
                pass
    return known


def apply(client, the_plan, known, params, check_mode):
    """Make the moves of the_plan (none in check mode); return {id: change} as they stand afterwards."""
    state = dict(known)
    done = []
    try:
        if the_plan.acknowledge:
            if not check_mode:
                client.acknowledge_changes(the_plan.acknowledge)
            for change_id in the_plan.acknowledge:
                state[change_id] = after_moves(state[change_id], 'acknowledged')
            done.extend(the_plan.acknowledge)
        for change_id in the_plan.mark:
            answer = None if check_mode else mark(client, change_id, params)
            data = answer.get('data') if isinstance(answer, dict) else None
            state[change_id] = data if isinstance(data, dict) else after_moves(state[change_id], the_plan.target, params['error'])
            done.append(change_id)
    except RunbeamError as exc:
        if done:
            raise PartialChangeError(exc, unique(done))
        raise
    return state


def mark(client, change_id, params):
    if params['state'] == 'applied':
        return client.mark_change_applied(change_id)
    return client.mark_change_failed(change_id, params['error'], params['details'])


def move(client, params, check_mode):
    """The result of runbeam_change: read, plan, apply."""
    if params['discover']:
        client.discover_changes_url()
    ids = unique(params['ids'])
    known = read_changes(client, ids)
    the_plan = plan(ids, known, params['state'])
    state = apply(client, the_plan, known, params, check_mode)
    changed_ids = the_plan.changed_ids
    return dict(changed=bool(changed_ids), changed_ids=changed_ids, changes=[state[i] for i in ids])
