"""Registering with an address that already has an account looks, and costs, the same as
registering a new one: one password hash, one e-mail, the same page. (The time itself is
measured by benchmarks/bench_registration_timing.py, not here.)"""

import pytest
from argon2 import PasswordHasher

from tests.auth.test_register_and_login import without_csrf
from tests.conftest import PASSWORD


@pytest.fixture()
def hashes(monkeypatch):
    """Counts every Argon2 hash computed while the test runs."""
    calls = []
    original = PasswordHasher.hash

    def counting(self, password, *args, **kwargs):
        calls.append(1)
        return original(self, password, *args, **kwargs)

    monkeypatch.setattr(PasswordHasher, "hash", counting)
    return calls


def register(client, email: str):
    data = {"first_name": "Mette", "last_name": "Hansen", "email": email}
    data.update(password=PASSWORD, confirm=PASSWORD)
    return client.post("/register", data=data)


def test_known_and_new_addresses_do_the_same_work_and_get_the_same_page(
    client, make_user, outbox, hashes
):
    make_user(email="known@example.org")
    hashes.clear()

    known = register(client, "known@example.org")
    known_hashes, known_mails = len(hashes), len(outbox.messages())
    new = register(client, "new@example.org")

    assert (known_hashes, known_mails) == (1, 1)
    assert (len(hashes) - known_hashes, len(outbox.messages()) - known_mails) == (1, 1)
    assert known.status_code == new.status_code == 200
    known_page = without_csrf(known.get_data(as_text=True)).replace("known@", "X@")
    assert known_page == without_csrf(new.get_data(as_text=True)).replace("new@", "X@")
