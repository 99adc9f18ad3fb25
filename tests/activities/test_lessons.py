"""The lessons library: all debriefs for the consultant, searched by each filter, paginated."""

import re

import pytest

from crm.activities import lessons
from crm.activities.models import Debrief
from crm.auth.models import Role
from crm.models import NeedCountry, ProjectCountry
from crm.volunteers import services as volunteer_services
from tests.activities.debrief_factories import add_debrief, completed


@pytest.fixture()
def library(db, make_user, make_volunteer, make_need, make_project):
    """Three debriefs on two projects: Kenya (youth), Tunisia (women, by need country), Nepal."""
    kenya = make_project(title="Lokaldemokrati i Kenya")
    kenya.countries = [ProjectCountry(code="KE")]
    tunisia = make_project(title="Kvinder i politik i Nordafrika")
    db.session.commit()
    youth = make_need(project=kenya, title="Ungdomstræner", skills=(("youth-networks", 2, 3),))
    women = make_need(project=tunisia, title="Kandidatskole", skills=(("women-in-politics", 2, 3),))
    women.countries = [NeedCountry(code="TN")]
    nepal = make_need(project=tunisia, title="Valgkamp i Nepal", skills=(("campaigning", 1, 1),))
    nepal.countries = [NeedCountry(code="NP")]
    db.session.commit()
    anna = make_volunteer(first_name="Anna", last_name="Ungdom")
    bo = make_volunteer(first_name="Bo", last_name="Kvindeliste")
    cia = make_volunteer(first_name="Cia", last_name="Kampagne")
    add_debrief(completed(youth, anna), what_worked="Ungdomsnetværket voksede hurtigt")
    add_debrief(
        completed(women, bo), would_go_again="no", advice="Lær nogle ord arabisk før afrejse"
    )
    add_debrief(completed(nepal, cia), would_go_again="maybe", what_worked="Dør-til-dør virkede")
    consultant = make_user(Role.CONSULTANT)
    return {
        "kenya": kenya,
        "tunisia": tunisia,
        "anna": anna,
        "bo": bo,
        "cia": cia,
        "by": consultant,
    }


def _found(client, **args) -> list[str]:
    html = client.get("/consultant/lessons", query_string=args).get_data(as_text=True)
    return sorted(re.findall(r"(?:Anna Ungdom|Bo Kvindeliste|Cia Kampagne)</a>", html))


def _names(*names) -> list[str]:
    return sorted(f"{n}</a>" for n in names)


def test_the_library_lists_every_debrief_with_its_need_and_the_volunteers_record(
    client, auth, library
):
    auth.login(library["by"].email)
    page = client.get("/consultant/lessons")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "3 evalueringer fundet" in html
    assert "Ville tage af sted igen: ja 1, måske 1, nej 1" in html
    assert "Kandidatskole" in html and "Kvinder i politik i Nordafrika" in html
    assert "1. mar. 2027 – 30. jun. 2027" in html  # the need's period
    assert "Lær nogle ord arabisk før afrejse" in html and "Ville tage af sted igen" in html
    assert f'href="/consultant/volunteers/{library["bo"].id}#debrief-' in html
    assert 'href="/consultant/lessons"' in html and "Erfaringer" in html  # in the staff menu


def test_search_by_project(client, auth, library):
    auth.login(library["by"].email)
    assert _found(client, project=library["kenya"].id) == _names("Anna Ungdom")
    assert _found(client, project=library["tunisia"].id) == _names("Bo Kvindeliste", "Cia Kampagne")


def test_search_by_country_of_the_need_or_of_its_project(client, auth, library):
    auth.login(library["by"].email)
    assert _found(client, country="KE") == _names("Anna Ungdom")  # the project's country
    assert _found(client, country="TN") == _names("Bo Kvindeliste")  # the need's country
    assert _found(client, country="DK") == []


def test_search_by_skill_area(client, auth, library):
    auth.login(library["by"].email)
    assert _found(client, area="women-in-politics") == _names("Bo Kvindeliste")
    assert _found(client, area="campaigning") == _names("Cia Kampagne")
    html = client.get("/consultant/lessons").get_data(as_text=True)
    assert '<option value="women-in-politics">Kvinder i politik</option>' in html  # Danish label


def test_search_by_words_in_the_texts(client, auth, library):
    auth.login(library["by"].email)
    assert _found(client, q="arabisk") == _names("Bo Kvindeliste")
    assert _found(client, q="UNGDOMSNETVÆRKET voksede") == _names("Anna Ungdom")
    assert _found(client, q="arabisk dør") == []  # every word must occur
    assert _found(client, q="100%") == []  # LIKE's wildcards are taken literally
    assert _found(client, q="fransk") == _names("Anna Ungdom", "Cia Kampagne")  # Bo: own advice


def test_search_by_would_go_again(client, auth, library):
    auth.login(library["by"].email)
    assert _found(client, would_go_again="no") == _names("Bo Kvindeliste")
    assert _found(client, would_go_again="anything") == _found(client)  # ignored


def test_filters_combine_and_bad_values_are_ignored(client, auth, library):
    auth.login(library["by"].email)
    assert _found(client, project=library["tunisia"].id, country="NP") == _names("Cia Kampagne")
    page = client.get("/consultant/lessons", query_string={"project": "x9", "page": "-3"})
    assert page.status_code == 200 and "3 evalueringer fundet" in page.get_data(as_text=True)


def test_the_library_is_paginated(client, auth, db, make_user, make_volunteer, make_need):
    need = make_need(title="Mange evalueringer")
    for n in range(lessons.PER_PAGE + 2):
        add_debrief(completed(need, make_volunteer(last_name=f"Nummer{n:02d}")))
    auth.login(make_user(Role.CONSULTANT).email)
    first = client.get("/consultant/lessons").get_data(as_text=True)
    second = client.get("/consultant/lessons?page=2").get_data(as_text=True)
    on_first = set(re.findall(r"Nummer\d\d", first))
    on_second = set(re.findall(r"Nummer\d\d", second))
    assert len(on_first) == lessons.PER_PAGE and len(on_second) == 2
    assert not on_first & on_second
    assert "Side 1 af 2" in first and 'href="/consultant/lessons?page=2"' in first


def test_only_staff_open_the_library(client, auth, library, make_user, make_branch):
    auth.login(library["anna"].email)
    assert client.get("/consultant/lessons").status_code == 403
    auth.logout()
    auth.login(make_user(Role.BRANCH_CONTACT, branch_id=make_branch().id).email)
    assert client.get("/consultant/lessons").status_code == 403


def test_shared_is_shown_only_where_the_next_volunteer_can_read_it(client, auth, db, library):
    # Anna agreed to share, then withdrew her consent: her debrief is no longer shown to the
    # next volunteer, so the library must not say it is.
    for debrief in db.session.query(Debrief):
        debrief.share_with_next = True
    volunteer_services.withdraw_consent(library["anna"])
    db.session.commit()
    auth.login(library["by"].email)
    html = client.get("/consultant/lessons").get_data(as_text=True)
    cards = {
        name: card
        for card in html.split('<li class="card">')[1:]
        for name in ("Anna Ungdom", "Bo Kvindeliste")
        if name in card
    }
    assert "delt med den næste frivillige" in cards["Bo Kvindeliste"]
    assert "delt med den næste frivillige" not in cards["Anna Ungdom"]
