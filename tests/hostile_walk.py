"""The hostile-input walk over app.url_map: the forms of a rendered page, the parameter names a
view asked for, and the targets (URL, names, default body) each role reaches. The fixed values of
tests/test_hostile_input.py and the drawn ones of tests/test_hostile_hypothesis.py go through it."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import product
from urllib.parse import quote, quote_from_bytes, urlencode

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.exceptions import HTTPException

BUTTON_TYPES = {"submit", "button", "reset", "image"}


@dataclass
class Target:
    """One URL as one role: the names it reads, the body a user who changed nothing would send,
    and whether the role got past the access check."""

    method: str
    url: str
    endpoint: str
    names: list[str]
    defaults: list[tuple[str, str]]
    reached: bool


def encode_pairs(pairs) -> str:
    """A query string or form body; str values may hold lone surrogates (sent as the bytes
    UTF-8 would give them, which is not valid UTF-8), bytes values are sent as they are."""
    return "&".join(
        quote(name, safe="")
        + "="
        + quote_from_bytes(
            value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass"), safe=""
        )
        for name, value in pairs
    )


@dataclass
class PageForm:
    """One <form> of a page: where it goes, and its fields with the values the page filled in."""

    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    buttons: dict[str, str] = field(default_factory=dict)

    def defaults(self) -> list[tuple[str, str]]:
        """The body a user who changed nothing would send (first named button pressed)."""
        pairs = [(name, value) for name, values in self.fields.items() for value in values]
        if self.buttons:
            pairs.append(next(iter(self.buttons.items())))
        return pairs

    def names(self) -> set[str]:
        return set(self.fields) | set(self.buttons)


class FormParser(HTMLParser):
    """Collects every form of a page, with text inputs, checked boxes, selected options."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[PageForm] = []
        self._select: str | None = None
        self._first_option: str | None = None
        self._chosen = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                PageForm(a.get("action") or self.page_url, (a.get("method") or "get").lower())
            )
            return
        if not self.forms or "name" not in a:
            if tag == "option" and self._select is not None:
                self._option(a)
            return
        form, name = self.forms[-1], a["name"]
        kind = (a.get("type") or "text").lower()
        if tag == "button" or (tag == "input" and kind in BUTTON_TYPES):
            form.buttons.setdefault(name, a.get("value") or "")
        elif tag == "input" and kind in ("checkbox", "radio"):
            form.fields.setdefault(name, [])
            if "checked" in a:
                form.fields[name].append(a.get("value") or "on")
        elif tag == "input":
            form.fields.setdefault(name, []).append(a.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            form.fields.setdefault(name, []).append("")
        elif tag == "select":
            self._select, self._first_option, self._chosen = name, None, False
            form.fields.setdefault(name, [])

    def _option(self, a):
        value = a.get("value") or ""
        if self._first_option is None:
            self._first_option = value
        if "selected" in a:
            self.forms[-1].fields[self._select].append(value)
            self._chosen = True

    def handle_data(self, data):
        if self._textarea is not None:
            self.forms[-1].fields[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if not self._chosen and self._first_option is not None:
                self.forms[-1].fields[self._select].append(self._first_option)
            self._select = None


def page_forms(url: str, html: str) -> list[PageForm]:
    """The forms on a rendered page."""
    parser = FormParser(url.split("?")[0])
    parser.feed(html)
    return parser.forms


ASKED: set[str] = set()
"""The parameter names views asked the request for since the last clear()."""


class RecordingMultiDict(ImmutableMultiDict):
    """Remembers every key looked up, so the walk knows which query parameters a view reads."""

    def __getitem__(self, key):
        ASKED.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):  # noqa: A002 - werkzeug's own signature
        ASKED.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):  # noqa: A002
        ASKED.add(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        ASKED.add(key)
        return super().__contains__(key)


class RecordingRequest(Request):
    """A request whose args and form remember which names were asked for."""

    parameter_storage_class = RecordingMultiDict


LONG = "x" * 100_000
VALUES = (
    "\x00",
    "a\x00b",
    "\x01\x08\x1b\x7f",
    "Ann\r\nBcc: x@example.org",
    "/" + "x" * 3000,
    "/" + LONG,
    LONG,
    "9" * 5000,
    "²",
    "2147483648",
    "-2147483649",
    "99999999999999999999",
    "-1",
    "0",
    "😀🇩🇰",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "1_000",
)
NAME_NUMBERS = ("²", "99999999999999999999", "-1")
"""Sent in place of every number in the field names (the row index of "entries-0-area")."""
FIELD_VALUES = ("\x00", "Ann\rLee", LONG, "²", "2147483648", "-1")
"""The smaller set sent into one field at a time, the others as the page filled them in."""
LAST = (
    "auth.logout",
    "volunteers.withdraw_consent",
    "volunteers.delete",
    "consultant.erasure_request",
)
"""Endpoints that end the session or the profile: walked after all the others."""
ERASES = {"consultant.erasure_request": "erasable_volunteer_id"}
"""Endpoints that erase the volunteer they name: walked with a volunteer of their own (an id of
the walk's `ids` under this name), so the other roles still find the walk's volunteer."""
MAX_HEADERS = 8_000
ROLES = (
    ("anonymous", None),
    ("consultant", "k@example.org"),
    ("admin", "a@example.org"),
    ("branch contact", "b@example.org"),
    ("other branch contact", "ob@example.org"),
    ("volunteer", "v@example.org"),
)
"""The users of the hostile_world fixture; the volunteer goes last: the walk ends by deleting
their account."""


def walked_rules(app) -> list:
    """Every rule of the URL map but the static files and the JSON API (no session opens it, and
    it reads JSON, not forms: tests/api/test_hostile_json.py sends it hostile values)."""
    return [
        r for r in app.url_map.iter_rules() if r.endpoint != "static" and r.endpoint[:4] != "api."
    ]


class Walk:
    """Walks every rule as one role; collects every answer that is a server error or carries
    oversized headers, and which rules it reached with real parameter or field names."""

    def __init__(self, app, client, auth, ids):
        self.app, self.client, self.auth, self.ids = app, client, auth, ids
        self.role, self.email = "anonymous", None
        self.failures: list[str] = []
        self.forms: dict[str, list[PageForm]] = {}
        self.fuzzed: set[str] = set()
        self.answered: set[str] = set()
        self.errors: list[BaseException] = []

    def record(self, sender, exception, **extra):
        self.errors.append(exception)

    def as_role(self, role, email):
        self.auth.logout()
        self.role, self.email = role, email
        self.forms = {}
        self.login()

    def login(self):
        if self.email:
            self.auth.login(self.email)

    def problem(self, response) -> str | None:
        """What is wrong with an answer (a server error, an exception, huge headers), or None."""
        size = sum(len(k) + len(v) for k, v in response.headers.items())
        if response.status_code >= 500 or size > MAX_HEADERS or self.errors:
            return f"{response.status_code}, {size} bytes of headers {self.errors[-1:]!r:.300}"
        return None

    def check(self, method, url, response, what=""):
        if problem := self.problem(response):
            self.failures.append(f"{self.role} {method} {url[:90]!r} {what[:40]!r}: {problem}")

    def urls(self, rule, **override) -> list[str]:
        """The rule's URL for each value its arguments are walked with (every profile step)."""
        if rule.endpoint in ERASES:
            override = {"volunteer_id": self.ids[ERASES[rule.endpoint]], **override}
        choices = [override.get(name, self.ids[name]) for name in sorted(rule.arguments)]
        combos = product(*[c if isinstance(c, list) else [c] for c in choices])
        with self.app.test_request_context():
            return [
                self.app.url_for(
                    rule.endpoint, **dict(zip(sorted(rule.arguments), combo, strict=True))
                )
                for combo in combos
            ]

    def endpoint_of(self, action: str) -> str | None:
        adapter = self.app.url_map.bind("localhost")
        try:
            endpoint, _args = adapter.match(action.split("?")[0], method="POST")
        except HTTPException:  # a GET-only or foreign action is not walked
            return None
        return endpoint

    def send(self, method, url, data=None, what="", **options):
        self.errors.clear()
        response = self.client.open(url, method=method, data=data, buffered=True, **options)
        self.check(method, url, response, what)
        return response

    def send_pairs(self, target: Target, pairs):
        """Send name/value pairs as the target's query string or form body, unchecked."""
        self.errors.clear()
        encoded = encode_pairs(pairs)
        if target.method == "GET":
            url = target.url + ("?" + encoded if encoded else "")
            return self.client.open(url, method="GET", buffered=True)
        return self.client.open(
            target.url,
            method="POST",
            data=encoded,
            content_type="application/x-www-form-urlencoded",
            buffered=True,
        )

    def get(self, url, query=None):
        return self.send("GET", url + ("?" + urlencode(query, doseq=True) if query else ""))

    def post(self, url, data, what=""):
        return self.send("POST", url, MultiDict(data), what)

    def walk_gets(self, rules):
        for rule in rules:
            for url in self.urls(rule):
                self.walk_get(rule, url)
            for name, argument in self.path_arguments(rule):
                for url in self.urls(rule, **{name: argument}):
                    self.get(url)

    def learn_get(self, rule, url) -> Target:
        """Open the page: the query parameters it reads or its search forms name, and the forms
        it holds for the POST walk."""
        ASKED.clear()
        page = self.get(url, {"_probe": "1"})
        reached = page.status_code < (400 if self.email else 300)  # not the login redirect
        if reached:
            self.answered.add(rule.endpoint)
        names = set(ASKED) - {"_probe"}
        if page.mimetype == "text/html":
            for form in page_forms(url, page.get_data(as_text=True)):
                if form.method == "get":
                    names |= form.names()
                elif endpoint := self.endpoint_of(form.action):
                    self.forms.setdefault(endpoint, []).append(form)
        return Target("GET", url, rule.endpoint, sorted(names), [], reached)

    def walk_get(self, rule, url):
        names = self.learn_get(rule, url).names
        for value in VALUES:
            self.get(url, {name: value for name in names} or {"q": value})

    def path_arguments(self, rule):
        for name in rule.arguments:
            if name.endswith("_id"):
                yield from ((name, n) for n in (2**31, 2**31 - 1, 10**20))
            else:
                yield from ((name, v) for v in ("\x00", "a\x01b", "²", LONG[:5000]))

    def walk_posts(self, rules):
        for rule in sorted(rules, key=lambda r: r.endpoint in LAST):
            for url in self.urls(rule):
                self.login()
                self.walk_post(rule, url)

    def learn_post(self, rule, url) -> tuple[Target, PageForm | None]:
        """Post a probe: the fields the view reads, with the first form on a page that posts
        here (learn_get saw it) and the body it would send unchanged."""
        forms = [f for f in self.forms.get(rule.endpoint, []) if f.action.split("?")[0] == url]
        ASKED.clear()
        probe = self.post(url, {"_probe": "1"})
        names = set(ASKED) - {"_probe"}
        form = forms[0] if forms else None
        if form is not None:
            names |= form.names()
        if names or forms:
            self.fuzzed.add(rule.endpoint)
        location = probe.headers.get("Location", "")
        reached = probe.status_code != 403 and not location.startswith("/login")
        defaults = form.defaults() if form is not None else []
        return Target("POST", url, rule.endpoint, sorted(names), defaults, reached), form

    def walk_post(self, rule, url):
        target, form = self.learn_post(rule, url)
        names = target.names
        if form is not None:
            self.post_fields(url, form)
        for value in VALUES:
            self.post(url, {name: value for name in names or ["_probe"]}, value)

    def post_fields(self, url, form: PageForm):
        defaults = form.defaults()
        for name in form.fields:
            for value in FIELD_VALUES:
                data = [(k, v) for k, v in defaults if k != name] + [(name, value)]
                self.post(url, data, f"{name}={value}")
        for number in NAME_NUMBERS:  # row indices in names: entries-0-area
            data = [(re.sub(r"[0-9]+", number, k), v) for k, v in defaults]
            self.post(url, data, f"row index {number}")
