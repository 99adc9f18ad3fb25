"""The HTTP side of benchmarks/load.py: a small browser (cookies, forms, redirects, timings)
and the fixed-concurrency read test. Standard library only: http.client, html.parser, asyncio."""

import asyncio
import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

FLASH = re.compile(r'<p class="flash flash-(\w+)">([^<]*)</p>')


@dataclass
class Sample:
    """One timed request of the mixed load."""

    label: str
    method: str
    status: int
    ms: float
    at: float  # time.monotonic() when the answer was complete


@dataclass
class Recorder:
    """Every request's timing, shared by all simulated users (appends are thread-safe)."""

    samples: list[Sample] = field(default_factory=list)
    recording: bool = True
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        if self.recording:
            with self.lock:
                self.samples.append(sample)


@dataclass
class Answer:
    """A complete HTTP answer."""

    status: int
    location: str
    text: str

    def flashes(self) -> list[tuple[str, str]]:
        """The flashed messages on the page: (category, text)."""
        return FLASH.findall(self.text)

    def forms(self) -> list["Form"]:
        parser = FormParser()
        parser.feed(self.text)
        parser.close()
        return parser.forms


@dataclass
class Form:
    """A form as a browser would submit it: the fields' current values, in page order."""

    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.fields if key == name), None)

    def set(self, name: str, value: str) -> None:
        """Replace the field's value (the first field of that name), or add it."""
        for i, (key, _value) in enumerate(self.fields):
            if key == name:
                self.fields[i] = (name, value)
                return
        self.fields.append((name, value))


class FormParser(HTMLParser):
    """Collects every <form> with what its inputs, selects and textareas would submit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
        if self._form is None or "disabled" in a:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind == "checkbox" else ""
            self._form.fields.append((a["name"], a.get("value", default)))
        elif tag == "select" and a.get("name"):
            self._select, self._options = a["name"], []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = [value for value, selected in self._options if selected]
            if chosen or self._options:
                self._form.fields.append((self._select, (chosen or [self._options[0][0]])[0]))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


class Browser:
    """One simulated person: a cookie jar, and every request timed into the recorder."""

    def __init__(self, host: str, port: int, recorder: Recorder, timeout: float = 30.0) -> None:
        self.host, self.port, self.recorder, self.timeout = host, port, recorder, timeout
        self.cookies: dict[str, str] = {}

    def cookie_header(self) -> str:
        return "; ".join(f"{key}={value}" for key, value in self.cookies.items())

    def request(
        self, method: str, path: str, label: str, data: list[tuple[str, str]] | None = None
    ) -> Answer:
        """One request, timed from connecting to the last byte of the answer."""
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "da"}
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            status = response.status
            location = response.getheader("Location") or ""
            set_cookies = response.headers.get_all("Set-Cookie") or []
        except (OSError, http.client.HTTPException):
            status, location, text, set_cookies = 599, "", "", []
        finally:
            connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        self.recorder.add(Sample(label, method, status, elapsed, time.monotonic()))
        for header in set_cookies:
            self._store_cookie(header)
        return Answer(status, location, text)

    def _store_cookie(self, header: str) -> None:
        jar = SimpleCookie()
        jar.load(header)
        for key, morsel in jar.items():
            expired = morsel["max-age"] == "0" or "1970" in morsel["expires"]
            if expired or not morsel.value:
                self.cookies.pop(key, None)
            else:
                self.cookies[key] = morsel.value

    def get(self, path: str, label: str) -> Answer:
        return self.request("GET", path, label)

    def submit(self, form: Form, label: str, follow: bool = True) -> tuple[Answer, Answer | None]:
        """POST the form; follow a redirect like a browser (the GET is timed on its own).

        Returns the POST's answer and the page it led to (None when it did not redirect).
        """
        answer = self.request("POST", form.action, label, form.fields)
        if follow and answer.status in (301, 302, 303) and answer.location:
            target = urlsplit(answer.location)
            path = target.path + (f"?{target.query}" if target.query else "")
            return answer, self.get(path, f"{label} → page")
        return answer, None


def form_for(answer: Answer, action: str, page: str) -> Form:
    """The first form whose action contains `action` ('' for the form posting back to the page).

    A form without an action posts to the page it is on (`page`), as in a browser.
    """
    for form in answer.forms():
        if form.method != "post":
            continue
        if (action and action in form.action) or (not action and not form.action):
            if not form.action:
                form.action = page
            return form
    raise LookupError(f"no form posting to {action or page!r} on {page} ({answer.status})")


@dataclass
class ReadResult:
    """The read test's figures for one URL."""

    requests: int
    errors: int
    seconds: float
    client_cpu: float  # CPU seconds the load generator itself used

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


async def _reader(host: str, port: int, request: bytes, stop: float, counts: list[int]) -> None:
    while time.monotonic() < stop:
        try:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(request)
            data = await reader.read()
            writer.close()
            await writer.wait_closed()
        except OSError:
            counts[1] += 1
            continue
        if data.startswith((b"HTTP/1.1 200", b"HTTP/1.0 200")):
            counts[0] += 1
        else:
            counts[1] += 1


def read_test(
    host: str, port: int, path: str, connections: int, seconds: float, cookie: str = ""
) -> ReadResult:
    """GET `path` on `connections` concurrent connections for `seconds`; count the 200s.

    One connection per request (gunicorn's sync workers close every connection).
    """
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()

    async def run() -> list[int]:
        counts = [0, 0]
        stop = time.monotonic() + seconds
        await asyncio.gather(
            *(_reader(host, port, request, stop, counts) for _ in range(connections))
        )
        return counts

    cpu, started = time.process_time(), time.monotonic()
    ok, errors = asyncio.run(run())
    return ReadResult(ok, errors, time.monotonic() - started, time.process_time() - cpu)
