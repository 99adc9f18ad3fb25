"""Keyset pagination of the API's lists, ordered by (updated_at, id), with `updated_since`.

A page is found through the updated_at index whatever its depth: the cursor holds the
(updated_at, id) of the row it continues from, never an offset, and no page counts the table.
The body's `links` and the RFC 8288 Link header give the next and previous pages.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Response, current_app, jsonify, request, url_for
from flask_babel import gettext as _
from sqlalchemy import Select, and_, exists, or_, select

from crm.api.errors import ApiError
from crm.converters import MAX_ID, read_int
from crm.extensions import db

DEFAULT_LIMIT = 50
MAX_LIMIT = 200

Key = tuple[datetime, int]


@dataclass(frozen=True)
class ListParams:
    """A list request's paging: page size, where it continues, and the sync's starting time."""

    limit: int = DEFAULT_LIMIT
    after: Key | None = None
    before: Key | None = None
    updated_since: datetime | None = None


@dataclass(frozen=True)
class KeysetPage:
    """One page of rows, and whether pages follow and precede it."""

    rows: list
    has_next: bool
    has_prev: bool


def bad_parameter(name: str, message: str) -> ApiError:
    """A 400 that names the query parameter."""
    return ApiError(400, message, "bad_parameter", parameter=name)


def refuse_unknown() -> None:
    """400 for a query parameter this endpoint does not take (a typo would silently widen a
    filter otherwise): the parameters its @operation documents are the ones it takes."""
    allowed = {
        p.name for p in current_app.view_functions[request.endpoint].api_operation.parameters
    }
    for name in request.args:
        if name not in allowed:
            raise bad_parameter(name, _("Unknown parameter “%(name)s”.", name=name))


def parse_time(value: str, name: str) -> datetime:
    """An ISO 8601 date or time; one without an offset is taken as UTC (a time whose UTC
    falls outside the calendar, such as 0001-01-01T00:00+01:00, is refused too)."""
    try:
        return as_utc(datetime.fromisoformat(value.strip()))
    except (ValueError, OverflowError):
        raise bad_parameter(
            name, _("“%(name)s” must be an ISO 8601 time, e.g. 2026-12-01T08:00:00Z.", name=name)
        ) from None


def as_utc(moment: datetime) -> datetime:
    """The same moment in UTC (naive taken as UTC); OverflowError past the calendar's ends."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def encode_cursor(direction: str, key: Key) -> str:
    """An opaque cursor: the direction ("a" after, "b" before) and the row's key."""
    raw = json.dumps([direction, key[0].isoformat(), key[1]], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(value: str) -> tuple[str, Key]:
    """The direction and key of a cursor made by encode_cursor; 400 naming `cursor` if not."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        direction, moment, row_id = json.loads(raw)
        key = (datetime.fromisoformat(moment), read_int(row_id, 0, MAX_ID))
        if direction not in ("a", "b") or key[0].tzinfo is None:
            raise ValueError(direction)
        key = (as_utc(key[0]), key[1])
    except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeDecodeError):
        raise bad_parameter("cursor", _("This cursor is not one we gave out.")) from None
    return direction, key


def read_list_params() -> ListParams:
    """limit, cursor and updated_since of this request, checked (400 naming the parameter),
    after refusing any parameter the endpoint does not document (refuse_unknown)."""
    refuse_unknown()
    args = request.args
    limit = DEFAULT_LIMIT
    if "limit" in args:
        try:
            limit = read_int(args["limit"], 1, MAX_LIMIT)
        except ValueError:
            raise bad_parameter(
                "limit", _("“limit” must be a whole number from 1 to %(max)d.", max=MAX_LIMIT)
            ) from None
    after = before = None
    if args.get("cursor"):
        direction, key = decode_cursor(args["cursor"])
        after, before = (key, None) if direction == "a" else (None, key)
    since = parse_time(args["updated_since"], "updated_since") if "updated_since" in args else None
    return ListParams(limit, after, before, since)


def keyset_page(stmt: Select, model, params: ListParams) -> KeysetPage:
    """The page of `stmt` (a select of `model` rows) that `params` asks for."""
    updated, row_id = model.updated_at, model.id
    if params.updated_since is not None:
        stmt = stmt.where(updated >= params.updated_since)

    def beyond(key: Key, forward: bool):
        # updated_at >= t (the index's range) and then the strict (updated_at, id) order
        if forward:
            return and_(updated >= key[0], or_(updated > key[0], row_id > key[1]))
        return and_(updated <= key[0], or_(updated < key[0], row_id < key[1]))

    def any_beyond(key: Key, forward: bool) -> bool:
        return bool(db.session.scalar(select(exists(stmt.where(beyond(key, forward)).subquery()))))

    if params.before is not None:
        found = list(
            db.session.scalars(
                stmt.where(beyond(params.before, False))
                .order_by(updated.desc(), row_id.desc())
                .limit(params.limit + 1)
            )
        )
        rows = list(reversed(found[: params.limit]))
        has_prev = len(found) > params.limit
        has_next = any_beyond(_key(rows[-1]) if rows else params.before, True)
        return KeysetPage(rows, has_next, has_prev)
    query = stmt.order_by(updated, row_id).limit(params.limit + 1)
    if params.after is not None:
        query = query.where(beyond(params.after, True))
    found = list(db.session.scalars(query))
    rows = found[: params.limit]
    has_prev = params.after is not None and any_beyond(
        _key(rows[0]) if rows else params.after, False
    )
    return KeysetPage(rows, len(found) > params.limit, has_prev)


def _key(row) -> Key:
    return row.updated_at, row.id


def _page_url(cursor: str | None) -> str:
    args = {name: value for name, value in request.args.items() if name != "cursor"}
    if cursor:
        args["cursor"] = cursor
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def page_links(page: KeysetPage) -> dict[str, str | None]:
    """self, next and prev as relative URLs (None where there is no such page)."""
    return {
        "self": _page_url(request.args.get("cursor")),
        "next": _page_url(encode_cursor("a", _key(page.rows[-1])))
        if page.has_next and page.rows
        else None,
        "prev": _page_url(encode_cursor("b", _key(page.rows[0])))
        if page.has_prev and page.rows
        else None,
    }


def link_header(links: dict[str, str | None]) -> str:
    """The RFC 8288 Link header for the next and previous pages."""
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url and rel != "self")


def list_response(page: KeysetPage, items: list[dict]) -> Response:
    """The JSON body {"data": [...], "links": {...}} with its Link header."""
    links = page_links(page)
    response = jsonify({"data": items, "links": links})
    header = link_header(links)
    if header:
        response.headers["Link"] = header
    return response
