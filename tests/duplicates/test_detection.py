"""Possible duplicates are found on registration, import and profile changes, and queued once."""

import pytest
from sqlalchemy import select

from crm.duplicates.detect import flag_possible_duplicates
from crm.duplicates.models import DuplicatePair
from crm.duplicates.similarity import name_key, name_similarity
from crm.extensions import db
from crm.models import Volunteer
from crm.volunteers.phones import phone_key
from tests.conftest import PASSWORD


def pairs() -> list[DuplicatePair]:
    db.session.expire_all()
    return list(db.session.scalars(select(DuplicatePair).order_by(DuplicatePair.id)))


def imported(**fields) -> Volunteer:
    """A volunteer as an import writes one: no login yet."""
    fields.setdefault("email", f"{fields.get('first_name', 'x').lower()}@example.org")
    volunteer = Volunteer(**fields)
    db.session.add(volunteer)
    db.session.flush()
    return volunteer


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("+45 12 34 56 78", "12345678"),
        ("0045 1234 5678", "12 34 56 78"),
        ("(+45) 12-34-56-78", "12345678"),
    ],
)
def test_danish_numbers_compare_with_or_without_the_prefix(a, b):
    assert phone_key(a) == phone_key(b) == "12345678"


def test_names_compare_without_case_accents_order_or_danish_letters():
    assert name_key("Søren", "ÅBY-Nielsen") == "soeren aaby nielsen"
    assert name_similarity(name_key("Hansen", "Jens"), name_key("Jens", "Hansen")) == 100
    assert name_similarity(name_key("Åse", "Kjær"), name_key("Aase", "Kjaer")) == 100
    assert name_similarity(name_key("José", "García"), name_key("Jose", "Garcia")) == 100


def test_a_typo_in_the_name_with_the_same_phone_is_queued(app, make_volunteer):
    jens = make_volunteer(first_name="Jens", last_name="Hansen", phone="+45 12 34 56 78")
    typo = imported(first_name="Jens", last_name="Hansne", phone="12345678", email="j@example.com")
    assert flag_possible_duplicates([typo], source="import") == 1
    [pair] = pairs()
    assert (pair.first_id, pair.second_id) == (jens.id, typo.id)
    assert pair.why == ["name", "phone"]
    assert pair.source == "import" and pair.status == "open"
    assert 80 <= pair.score < 100


def test_a_similar_name_with_the_same_postcode_is_queued(app, make_volunteer):
    make_volunteer(first_name="Mette", last_name="Frederiksen", postcode="8000")
    again = imported(first_name="Frederiksen", last_name="Mette", postcode="8000")
    assert flag_possible_duplicates([again], source="import") == 1
    assert pairs()[0].why == ["name", "postcode"]


def test_a_different_name_with_the_same_phone_is_not_queued(app, make_volunteer):
    make_volunteer(first_name="Jens", last_name="Hansen", phone="12345678")
    spouse = imported(first_name="Anna", last_name="Hansen", phone="+45 12345678")
    elsewhere = imported(first_name="Jens", last_name="Hansen", postcode="9000", phone="87654321")
    assert flag_possible_duplicates([spouse, elsewhere], source="import") == 0
    assert pairs() == []


def test_the_same_email_is_queued_whatever_the_names(app, make_volunteer):
    make_volunteer(email="mette@example.org", first_name="Mette", last_name="Hansen")
    married = imported(email="mette@example.org", first_name="Mette", last_name="Kjær")
    assert flag_possible_duplicates([married], source="import") == 1
    assert "email" in pairs()[0].why


def test_a_pair_is_queued_once_and_not_the_same_is_remembered(app, make_volunteer):
    jens = make_volunteer(first_name="Jens", last_name="Hansen", phone="12345678")
    other = imported(first_name="Jens", last_name="Hansen", phone="12345678")
    assert flag_possible_duplicates([other], source="import") == 1
    assert flag_possible_duplicates([other], source="import") == 0
    [pair] = pairs()
    pair.status = "not_same"
    db.session.commit()
    assert flag_possible_duplicates([other, jens], source="registration") == 0
    assert len(pairs()) == 1


def test_erased_and_merged_records_are_left_out(app, make_volunteer):
    from crm.database import utcnow

    make_volunteer(first_name="Jens", last_name="Hansen", phone="12345678", erased_at=utcnow())
    other = imported(first_name="Jens", last_name="Hansen", phone="12345678")
    assert flag_possible_duplicates([other], source="import") == 0


def test_registering_with_the_address_of_an_imported_volunteer_queues_them(app, client):
    imported(first_name="Mette", last_name="Hansen", email="mette@example.org")
    db.session.commit()
    form = {"first_name": "Mette", "last_name": "Hansen", "email": "Mette@example.org"}
    response = client.post("/register", data=form | {"password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 200
    [pair] = pairs()
    assert pair.source == "registration" and "email" in pair.why


def test_a_new_volunteer_giving_a_known_phone_number_is_queued(app, client, auth, make_volunteer):
    make_volunteer(first_name="Karen", last_name="Blixen", phone="+45 20 30 40 50")
    newcomer = make_volunteer(first_name="Karen", last_name="Blixen")
    auth.login(newcomer.email)
    data = {"first_name": "Karen", "last_name": "Bliksen", "phone": "20304050", "city": "Rungsted"}
    version = db.session.get(Volunteer, newcomer.id).version
    response = client.post("/me/profile/contact", data=data | {"version": version, "nav": "next"})
    assert response.status_code == 302
    [pair] = pairs()
    assert pair.source == "registration" and pair.why == ["name", "phone"]


@pytest.mark.parametrize(
    ("known", "new"),
    [
        (("Åse", "Østergaard"), ("Aase", "Oestergaard")),
        (("Aase", "Oestergaard"), ("Åse", "Østergaard")),
    ],
)
def test_a_danish_letter_spelt_out_at_the_same_postcode_is_queued(app, make_volunteer, known, new):
    """As the scan finds them: detection blocks by the initials name_key gives (Å is A)."""
    make_volunteer(first_name=known[0], last_name=known[1], postcode="8000")
    again = imported(first_name=new[0], last_name=new[1], postcode="8000")
    assert flag_possible_duplicates([again], source="import") == 1
    assert pairs()[0].why == ["name", "postcode"]


def test_a_pair_queued_meanwhile_by_another_transaction_is_no_error(
    app, make_volunteer, monkeypatch
):
    """The scan queued the pair after this registration looked (known_pairs saw nothing)."""
    from crm.duplicates import detect

    jens = make_volunteer(first_name="Jens", last_name="Hansen", phone="12345678")
    other = imported(first_name="Jens", last_name="Hansen", phone="12345678")
    db.session.add(DuplicatePair(first_id=jens.id, second_id=other.id, score=100, why=["name"]))
    db.session.flush()
    monkeypatch.setattr(detect, "known_pairs", lambda keys: set())
    assert flag_possible_duplicates([other], source="registration") == 0
    db.session.commit()
    assert [(p.source, p.why) for p in pairs()] == [("scan", ["name"])]
