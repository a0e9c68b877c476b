# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options shared by every module (DOCUMENTATION) and plugin (PLUGINS).

The argument spec is plugins/module_utils/_connection.py; keep the two in step.
"""


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  url:
    description:
      - Origin of the Runbeam Cloud deployment, for example V(https://runbeam.example.com).
      - A path prefix is allowed (V(https://example.com/runbeam)); API routes are appended under C(/api).
      - When not set and O(token) is a JWT, the origin of the token's C(iss) claim is used.
      - A URL with user credentials in it is refused.
      - If not set, the value of the E(RUNBEAM_URL) environment variable is used.
    type: str
  token:
    description:
      - The token to authenticate with, sent as a bearer token.
      - A user or team JWT, a Sanctum API token (V({id}|{secret})), or a gateway machine token.
      - Never shown in output, logs, error messages or diffs.
      - If not set, the value of the E(RUNBEAM_TOKEN) environment variable is used.
    type: str
    required: true
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate.
      - Set to V(false) only on a trusted network with a self-signed certificate; prefer O(ca_path).
      - If not set, the value of the E(RUNBEAM_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - PEM bundle of certificate authorities to trust instead of the system store.
      - Takes precedence over E(REQUESTS_CA_BUNDLE).
      - If not set, the value of the E(RUNBEAM_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP request.
      - If not set, the value of the E(RUNBEAM_TIMEOUT) environment variable is used.
    type: float
    default: 30
  retries:
    description:
      - How many times to retry a request answered with HTTP 429, 502, 503 or 504, or that failed to connect.
      - Retries back off exponentially with jitter and honour the server's C(Retry-After) header (waiting at most 60 seconds).
      - If not set, the value of the E(RUNBEAM_RETRIES) environment variable is used.
    type: int
    default: 3
requirements:
  - requests
  - PyJWT with its crypto extra (C(PyJWT[crypto]))
notes:
  - "The module runs where the task runs; with C(delegate_to: localhost) it needs the requirements on the controller only."
'''

    PLUGINS = r'''
options:
  url:
    description:
      - Origin of the Runbeam Cloud deployment, for example V(https://runbeam.example.com).
      - A path prefix is allowed (V(https://example.com/runbeam)); API routes are appended under C(/api).
      - When not set and O(token) is a JWT, the origin of the token's C(iss) claim is used.
      - A URL with user credentials in it is refused.
    type: str
    env:
      - name: RUNBEAM_URL
  token:
    description:
      - The token to authenticate with, sent as a bearer token.
      - A user or team JWT, a Sanctum API token (V({id}|{secret})), or a gateway machine token.
      - May be templated, for example from a vaulted variable or a lookup.
      - Never shown in output, logs, error messages or cache files.
    type: str
    required: true
    env:
      - name: RUNBEAM_TOKEN
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate.
    type: bool
    default: true
    env:
      - name: RUNBEAM_VALIDATE_CERTS
  ca_path:
    description:
      - PEM bundle of certificate authorities to trust instead of the system store.
      - Takes precedence over E(REQUESTS_CA_BUNDLE).
    type: path
    env:
      - name: RUNBEAM_CA_PATH
  timeout:
    description:
      - Seconds to wait for each HTTP request.
    type: float
    default: 30
    env:
      - name: RUNBEAM_TIMEOUT
  retries:
    description:
      - How many times to retry a request answered with HTTP 429, 502, 503 or 504, or that failed to connect.
      - Retries back off exponentially with jitter and honour the server's C(Retry-After) header (waiting at most 60 seconds).
    type: int
    default: 3
    env:
      - name: RUNBEAM_RETRIES
requirements:
  - requests
  - PyJWT with its crypto extra (C(PyJWT[crypto]))
'''
