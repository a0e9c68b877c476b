# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Guarded imports of the controller-side libraries.

Importing this never fails, so ansible-doc and ansible-test can load the
modules without the libraries; the fronts report what is missing, with the
original traceback, when a client is actually needed.
"""

import traceback

try:
    import requests  # noqa: F401 pylint: disable=unused-import
    REQUESTS_IMPORT_ERROR = None
except ImportError:
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

try:
    import jwt  # noqa: F401 pylint: disable=unused-import
    from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: F401 pylint: disable=unused-import
    JWT_IMPORT_ERROR = None
except ImportError:
    JWT_IMPORT_ERROR = traceback.format_exc()


def missing_libraries():
    """[(pip requirement, import traceback)] for every library that failed to import."""
    missing = []
    if REQUESTS_IMPORT_ERROR:
        missing.append(('requests', REQUESTS_IMPORT_ERROR))
    if JWT_IMPORT_ERROR:
        missing.append(('PyJWT[crypto]', JWT_IMPORT_ERROR))
    return missing
