# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ISO 8601 / RFC 3339 timestamps as Runbeam (Laravel) writes them, on every supported Python."""

import datetime
import re

# datetime.fromisoformat() only reads 'Z' and 6+ digit fractions from Python 3.11 on.
_TIMESTAMP_RE = re.compile(
    r'^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?'
    r'(?:([Zz])|([+-])(\d{2}):?(\d{2}))$')


def parse_timestamp(text):
    """An aware datetime, or None when text is not an ISO 8601 timestamp with a zone."""
    match = _TIMESTAMP_RE.match(text) if isinstance(text, str) else None
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    offset = datetime.timedelta(0)
    if not zulu:
        offset = datetime.timedelta(hours=int(off_h), minutes=int(off_m)) * (1 if sign == '+' else -1)
    try:
        return datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second),
                                 int((fraction or '0')[:6].ljust(6, '0')), tzinfo=datetime.timezone(offset))
    except ValueError:
        return None


def format_timestamp(moment):
    """'YYYY-MM-DDTHH:MM:SSZ' in UTC, as the machine token payload writes it."""
    return moment.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)
