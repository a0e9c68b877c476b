"""The one error mapping."""

import pytest

from ansible_collections.runbeam.cloud.plugins.module_utils import _errors


@pytest.mark.parametrize('status, cls', [
    (401, _errors.RunbeamUnauthorizedError), (403, _errors.RunbeamForbiddenError),
    (404, _errors.RunbeamNotFoundError), (422, _errors.RunbeamValidationError),
    (429, _errors.RunbeamRateLimitedError), (500, _errors.RunbeamServerError),
    (503, _errors.RunbeamServerError), (409, _errors.RunbeamHTTPError),
])
def test_status_maps_to_its_error(status, cls):
    error = _errors.error_for_status(status, 'GET /api/x')
    assert error.__class__ is cls
    assert error.details() == {'route': 'GET /api/x', 'status': status}


def test_message_names_route_status_and_the_servers_words():
    error = _errors.error_for_status(422, 'POST /api/harmony/authorize', 'The given data was invalid.',
                                     {'gateway_code': ['The gateway code field is required.'], 'metadata': 'bad'})
    assert str(error) == ('POST /api/harmony/authorize failed: HTTP 422 Unprocessable Content: The given data was invalid. '
                          '(gateway_code: The gateway code field is required.; metadata: bad)')
    assert error.details()['errors']['metadata'] == 'bad'


def test_field_errors_repeating_the_message_are_not_repeated():
    error = _errors.error_for_status(422, 'POST /x', 'Change 1 is pending.', {'status': ['Change 1 is pending.']})
    assert str(error) == 'POST /x failed: HTTP 422 Unprocessable Content: Change 1 is pending.'


@pytest.mark.parametrize('message, api_answer', [
    ('The route api/gateway/base-url could not be found.', True),
    (None, False),
])
def test_a_404_for_a_missing_route_is_not_a_missing_item(message, api_answer):
    error = _errors.error_for_status(404, 'GET /api/gateway/base-url', message, api_answer=api_answer)
    assert isinstance(error, _errors.RunbeamRouteNotFoundError)
    assert not isinstance(error, _errors.RunbeamNotFoundError)
    assert 'no such route' in error.message


def test_a_404_from_the_api_is_a_missing_item():
    error = _errors.error_for_status(404, 'GET /api/gateways/x', 'Not found.')
    assert isinstance(error, _errors.RunbeamNotFoundError)
