"""The API's blueprint under /api/v1/: token required, no CSRF (no cookie is read), rate
limited, every refusal as JSON."""

from flask import Blueprint, current_app
from werkzeug.exceptions import HTTPException

from crm.api.auth import require_token
from crm.api.errors import ApiError, api_error, http_error
from crm.extensions import csrf, limiter, limits_off

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _api_limit() -> str:
    """Requests allowed per IP address on the API (config API_RATE_LIMIT)."""
    return current_app.config["API_RATE_LIMIT"]


csrf.exempt(bp)
limiter.shared_limit(_api_limit, scope="api", exempt_when=limits_off)(bp)  # one budget for all
bp.before_request(require_token)
bp.register_error_handler(ApiError, api_error)
bp.register_error_handler(HTTPException, http_error)
