"""gunicorn's access log without personal data: no address, query string, referrer, user agent
or header, and no secret link tokens from the path (gunicorn.conf.py uses this class)."""

import re

from gunicorn.glogging import Logger

LONG_SEGMENT = re.compile(r"[^/]{20,}")
"""A path segment this long is a signed token (/reset-password/<token>, /confirm/<token>, the
calendar feed's address): the log shows it as "…". Ids, steps and file names are shorter."""

HIDDEN = "-"


def safe_path(path: str) -> str:
    """The path with every token-long segment replaced by "…"."""
    return LONG_SEGMENT.sub("…", path)


class AccessLogger(Logger):
    """The access log's atoms with everything that can identify a person or open an account
    blanked, whatever access_log_format asks for."""

    def atoms(self, resp, req, environ, request_time):
        """gunicorn's atoms, made safe: %(U)s and %(r)s carry the masked path only."""
        atoms = super().atoms(resp, req, environ, request_time)
        path = safe_path(environ.get("PATH_INFO") or "/")
        safe = {
            name: value
            for name, value in atoms.items()
            if not (name.startswith("{") and name[-2:] in ("}i", "}o", "}e"))
        }
        safe.update(
            h=HIDDEN,
            u=HIDDEN,
            q=HIDDEN,
            f=HIDDEN,
            a=HIDDEN,
            U=path,
            r=f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}",
        )
        return safe
