"""The simulated people of benchmarks/load.py and the ledger of every write that got a success.

Each person is a thread with its own Browser (cookies, CSRF tokens read from the real forms,
the hidden `version` fields sent back as shown). After each action a person waits a think
time, as someone reading the page would, and before the first one too: the 30 people arrive
spread over one think time instead of all firing their first request in the same millisecond
(that burst kept both workers busy for the first ten seconds of every run). Every write
answered with success is written into the Ledger, which load.py checks against the database
after the run.
"""

import random
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime

from load_http import Answer, Browser, Recorder, form_for

PASSWORD = "demo-password-2026"
CONSULTANT = "konsulent@example.org"
SENT_TO = re.compile(r"(\d+)")


@dataclass
class Ledger:
    """What the server said it saved; appended by many threads."""

    run: str
    started_at: datetime | None = None  # set when the measured load starts
    registrations: list[str] = field(default_factory=list)  # e-mail addresses
    phones: dict[int, str] = field(default_factory=dict)  # volunteer id → last phone saved
    experience: dict[int, str] = field(default_factory=dict)  # volunteer id → last token saved
    profile_saves: int = 0
    contacts: list[str] = field(default_factory=list)  # summary tokens
    moves: list[tuple[int, str]] = field(default_factory=list)  # (match id, new state)
    shortlist_emails: list[tuple[str, int]] = field(default_factory=list)  # (token, sent to n)
    refused: dict[str, int] = field(default_factory=dict)  # action → 409 / stale answers
    failed: dict[str, int] = field(default_factory=dict)  # action → unexpected answers
    lock: threading.Lock = field(default_factory=threading.Lock)

    def token(self) -> str:
        return f"lt{self.run}{secrets.token_hex(4)}"

    def count(self, bucket: dict[str, int], action: str) -> None:
        with self.lock:
            bucket[action] = bucket.get(action, 0) + 1

    @property
    def emails_asked(self) -> int:
        """Confirmation e-mails for registrations plus every shortlist e-mail reported sent."""
        return len(self.registrations) + sum(n for _token, n in self.shortlist_emails)


@dataclass(frozen=True)
class World:
    """What the simulated people act on, read from the database before the run."""

    volunteers: list[tuple[int, str]]  # (volunteer id, e-mail) of confirmed demo volunteers
    record_ids: list[int]  # volunteers whose record the consultant opens to log a contact
    needs: list[int]  # open needs, shared out among the consultant's sessions
    project_id: int  # an active project, for the public project page
    volunteer_total: int


class Person(threading.Thread):
    """A simulated user: log in, then act and think until the stop time."""

    def __init__(self, browser: Browser, ledger: Ledger, think: tuple[float, float]):
        super().__init__(daemon=True)
        self.browser, self.ledger, self.think = browser, ledger, think
        self.stop_at = 0.0  # set by load.py just before start()
        self.rng = random.Random(secrets.randbits(32))
        self.error: BaseException | None = None

    def prepare(self) -> None:
        """Untimed set-up before the run (logging in)."""

    def run(self) -> None:
        try:
            self.pause()  # people arrive one by one, not all in the same millisecond
            while time.monotonic() < self.stop_at:
                self.act()
                self.pause()
        except BaseException as error:  # noqa: BLE001 - reported by load.py, never swallowed
            self.error = error

    def pause(self) -> None:
        left = self.stop_at - time.monotonic()
        if left > 0:
            time.sleep(min(left, self.rng.uniform(*self.think)))

    def act(self) -> None:
        raise NotImplementedError

    def check(self, action: str, post: Answer, page: Answer | None) -> bool:
        """True when the write succeeded: redirected to a page flashing success."""
        if post.status == 409:
            self.ledger.count(self.ledger.refused, action)
            return False
        if post.status in (302, 303) and page is not None and page.status == 200:
            categories = {category for category, _text in page.flashes()}
            if "success" in categories:
                return True
            if "error" in categories:  # a stale one-click move: refused, said so, nothing saved
                self.ledger.count(self.ledger.refused, action)
                return False
        status = page.status if page is not None else post.status
        self.ledger.count(self.ledger.failed, f"{action} ({status})")
        return False


def log_in(browser: Browser, email: str) -> None:
    """Log in through the real form; raises when the password is refused."""
    page = browser.get("/login", "login form")
    form = form_for(page, "", "/login")
    form.set("email", email)
    form.set("password", PASSWORD)
    answer, _page = browser.submit(form, "login", follow=False)
    if answer.status != 302:
        raise RuntimeError(f"login refused ({answer.status})")


class Registrant(Person):
    """Someone new: the registration form with a fresh address (a confirmation e-mail goes out)."""

    def act(self) -> None:
        self.browser.cookies.clear()
        page = self.browser.get("/register", "register form")
        form = form_for(page, "", "/register")
        email = f"{self.ledger.token()}@example.org"
        password = f"Kaffe-{secrets.token_hex(6)}-Bølge"
        for name, value in (
            ("first_name", "Load"),
            ("last_name", "Tester"),
            ("email", email),
            ("password", password),
            ("confirm", password),
        ):
            form.set(name, value)
        answer, _page = self.browser.submit(form, "register", follow=False)
        if answer.status == 200 and 'name="password"' not in answer.text:
            with self.ledger.lock:
                self.ledger.registrations.append(email)
        else:
            self.ledger.count(self.ledger.failed, f"register ({answer.status})")


class ProfileEditor(Person):
    """A demo volunteer editing their profile: the contact step or the experience step."""

    def __init__(self, volunteer: tuple[int, str], *args) -> None:
        super().__init__(*args)
        self.volunteer_id, self.email = volunteer

    def prepare(self) -> None:
        log_in(self.browser, self.email)

    def act(self) -> None:
        if self.rng.random() < 0.5:
            self.edit("contact", "phone", f"+45 {self.rng.randrange(10**7, 10**8)}")
        else:
            self.edit("experience", "entries-0-description", None)

    def edit(self, step: str, field_name: str, value: str | None) -> None:
        path = f"/me/profile/{step}"
        page = self.browser.get(path, f"profile {step} form")
        form = form_for(page, "", path)
        token = None
        if value is None:  # the experience text, with a token that tells this save apart
            token = self.ledger.token()
            base = (form.get(field_name) or "").split(" [")[0][:1500]
            value = f"{base} [{token}]"
        form.set(field_name, value)
        if step == "contact" and not form.get("city"):  # an unfinished profile: say where
            form.set("city", "Aarhus")
        form.set("nav", "next")
        answer, _page = self.browser.submit(form, f"profile {step} save")
        if answer.status in (302, 303) and "/me/" in answer.location:
            with self.ledger.lock:
                self.ledger.profile_saves += 1
                if token:
                    self.ledger.experience[self.volunteer_id] = token
                else:
                    self.ledger.phones[self.volunteer_id] = value
        elif answer.status == 409:
            self.ledger.count(self.ledger.refused, f"profile {step}")
        else:
            self.ledger.count(self.ledger.failed, f"profile {step} ({answer.status})")


class Consultant(Person):
    """A session of the consultant: log contacts, move matches, e-mail a need's shortlist."""

    def __init__(self, world: World, needs: list[int], *args) -> None:
        super().__init__(*args)
        self.world, self.needs = world, needs

    def prepare(self) -> None:
        log_in(self.browser, CONSULTANT)

    def act(self) -> None:
        roll = self.rng.random()
        if roll < 0.4:
            self.log_contact()
        elif roll < 0.85:
            self.move_match()
        else:
            self.email_shortlist()

    def log_contact(self) -> None:
        volunteer_id = self.rng.choice(self.world.record_ids)
        path = f"/consultant/volunteers/{volunteer_id}"
        page = self.browser.get(path, "volunteer record")
        form = form_for(page, f"{path}/contacts", path)
        token = self.ledger.token()
        form.set("summary", f"Ringede om opgaven {token}")
        form.set("channel", "phone")
        post, landed = self.browser.submit(form, "log contact")
        if self.check("log contact", post, landed):
            with self.ledger.lock:
                self.ledger.contacts.append(token)

    def move_match(self) -> None:
        need_id = self.rng.choice(self.needs)
        tab = self.rng.choice(("suggested", "suggested", "shortlisted", "contacted"))
        page = self.browser.get(f"/consultant/needs/{need_id}?tab={tab}", "need page")
        forms = [f for f in page.forms() if f.action.endswith("/next")]
        if not forms:
            return
        form = self.rng.choice(forms)
        match_id = int(form.action.split("/")[-2])
        post, landed = self.browser.submit(form, "move match")
        if self.check("move match", post, landed):
            with self.ledger.lock:
                self.ledger.moves.append((match_id, form.get("to_state") or ""))

    def email_shortlist(self) -> None:
        need_id = self.rng.choice(self.needs)
        path = f"/consultant/needs/{need_id}/email"
        page = self.browser.get(path, "shortlist e-mail form")
        if "subject_da" not in page.text:
            return
        form = form_for(page, "", path)
        token = self.ledger.token()
        for language in ("da", "en"):
            form.set(f"subject_{language}", f"{form.get(f'subject_{language}')} {token}")
        form.set("confirm", "y")  # "Yes, send it to everyone listed"
        post, landed = self.browser.submit(form, "e-mail shortlist")
        if landed is None or post.status not in (302, 303):
            self.ledger.count(self.ledger.failed, f"e-mail shortlist ({post.status})")
            return
        sent = [text for category, text in landed.flashes() if category == "success"]
        if sent:  # "Sendt til 4 frivillige og logget."
            with self.ledger.lock:
                self.ledger.shortlist_emails.append((token, int(SENT_TO.search(sent[0])[1])))
        # An error flash alone: nobody shortlisted (the page says so), nothing asked for.


def cast(
    world: World,
    host: str,
    port: int,
    recorder: Recorder,
    ledger: Ledger,
    users: int,
    think: tuple[float, float],
) -> list[Person]:
    """The 30 (or `users`) people: about half editing profiles, 1 in 8 registering, the rest the
    consultant's sessions, each with its own needs so that two sessions seldom race."""
    registrants = max(1, users // 8)
    consultants = max(1, users * 3 // 8)
    editors = max(0, users - registrants - consultants)
    people: list[Person] = []

    def browser() -> Browser:
        return Browser(host, port, recorder)

    for _ in range(registrants):
        people.append(Registrant(browser(), ledger, think))
    for volunteer in world.volunteers[:editors]:
        people.append(ProfileEditor(volunteer, browser(), ledger, think))
    for i in range(consultants):
        needs = world.needs[i::consultants] or world.needs
        people.append(Consultant(world, needs, browser(), ledger, think))
    return people
