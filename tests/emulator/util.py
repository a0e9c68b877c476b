"""Small helpers shared by the emulator modules: time stamps, random strings, errors."""
import datetime
import secrets
import string

ALNUM = string.ascii_letters + string.digits
UTC = datetime.timezone.utc


def rand_alnum(length=40):
    return "".join(secrets.choice(ALNUM) for _index in range(length))


def iso(moment):
    """Laravel's wire format: 2026-12-31T23:59:59.000000Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def utcnow():
    return datetime.datetime.now(UTC)


def now_iso():
    return iso(utcnow())


class ApiError(Exception):
    """An error answer: status, Laravel JSON body {"message", "errors"?}, extra headers."""

    def __init__(self, status, message, errors=None, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers or {}

    def body(self):
        body = {"message": self.message}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


def validation_error(errors):
    """422 the Laravel way: the first message, '(and N more errors)', all field errors."""
    messages = [msg for field_msgs in errors.values() for msg in field_msgs]
    message = messages[0]
    extra = len(messages) - 1
    if extra:
        message += " (and %d more error%s)" % (extra, "" if extra == 1 else "s")
    return ApiError(422, message, errors)


def not_found(message="Not found."):
    return ApiError(404, message)
