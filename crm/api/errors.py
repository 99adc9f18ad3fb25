"""JSON errors for the API: {"error": {"code", "message"}} with the HTTP status, for every
refusal under /api/, the router's own 404 and 405 included."""

from flask import Response, jsonify, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

API_PATH = "/api/"

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "rate_limited",
    500: "server_error",
}


MESSAGES = {
    400: _l("The request is not one this API understands."),
    404: _l("There is nothing at this address."),
    405: _l("This method is not allowed at this address."),
    413: _l("The request is too large."),
    414: _l("The address is too long."),
    429: _l("Too many requests: wait a little and try again."),
    500: _l("Something went wrong on our side."),
}
"""The message of an HTTP error raised outside the API's own checks (the router, the limiter)."""


class ApiError(Exception):
    """A refusal the API answers with this status, code and message (and optional details)."""

    def __init__(self, status: int, message: str, code: str | None = None, **details):
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.details = details


def is_api_request() -> bool:
    """Whether this request is for the API (by its path, so unmatched URLs count too)."""
    return request.path.startswith(API_PATH)


def error_response(
    status: int, message: str, code: str | None = None, **details: object
) -> Response:
    """The JSON body and status of a refusal."""
    body: dict = {"code": code or CODES.get(status, "error"), "message": message}
    body.update(details)
    response = jsonify({"error": body})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def api_error(error: ApiError) -> Response:
    """The blueprint's handler for ApiError."""
    return error_response(error.status, error.message, error.code, **error.details)


def http_error(error: HTTPException | Exception) -> Response:
    """Any HTTP error raised under /api/ (abort, the router, the rate limiter) as JSON."""
    status = getattr(error, "code", None) or 500
    return error_response(status, str(MESSAGES.get(status, CODES.get(status, "error"))))
