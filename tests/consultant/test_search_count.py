"""Search at scale: the separate count agrees with the page's rows; shared names are all found."""

import pytest

from crm.consultant.name_index import name_index
from crm.consultant.search import VolunteerFilters, fuzzy_plan, plan_search
from crm.extensions import db
from crm.models import VolunteerCountry, VolunteerLanguage, VolunteerSkill

FILTERS = [
    VolunteerFilters(),
    VolunteerFilters(area="youth-networks"),
    VolunteerFilters(country="KE"),
    VolunteerFilters(area="youth-networks", country="KE", language="fr"),
    VolunteerFilters(area="youth-networks", language="fr", language_level="B2"),
    VolunteerFilters(q="han", area="youth-networks"),
    VolunteerFilters(q="Hansn", country="KE"),
    VolunteerFilters(travel="short", country="KE"),
]


@pytest.mark.parametrize("filters", FILTERS)
def test_count_matches_rows(consultant, make_volunteer, filters):
    people = [
        make_volunteer(first_name="Mette", last_name="Hansen", travel="long"),
        make_volunteer(first_name="Mads", last_name="Hansen", travel="remote"),
        make_volunteer(first_name="Bo", last_name="Berg", travel="short"),
    ]
    for i, v in enumerate(people):
        if i != 1:
            db.session.add(VolunteerSkill(volunteer_id=v.id, area="youth-networks", level=2))
        if i != 2:
            db.session.add(VolunteerCountry(volunteer_id=v.id, code="KE"))
        db.session.add(VolunteerLanguage(volunteer_id=v.id, code="fr", level=["C1", "A2", "B2"][i]))
    db.session.add(VolunteerCountry(volunteer_id=people[0].id, code="TZ"))
    db.session.commit()
    for plan in (plan_search(filters), fuzzy_plan(filters)):
        if plan is None:
            continue
        rows = db.session.scalars(plan.stmt).all()
        assert db.session.scalar(plan.count_stmt) == len(rows)


def test_fuzzy_names_find_everyone_who_shares_a_name(client, consultant, make_volunteer):
    mettes = [make_volunteer(first_name="Mette", last_name="Hansen") for _ in range(3)]
    make_volunteer(first_name="Mads", last_name="Jensen")
    ids = {v.id for v in mettes}
    assert {vid for vid, _score in name_index.search("Mete")} == ids
    assert {vid for vid, _score in name_index.search("Mete Hansn")} == ids
    late = make_volunteer(first_name="Mette", last_name="Hansen")  # appended to a known name
    hits = name_index.search("Hansn")
    assert {vid for vid, _score in hits} == ids | {late.id}
    assert [vid for vid, _score in hits] == sorted(ids | {late.id})  # equal scores: by id
    response = client.get("/consultant/volunteers?q=Mete+Hansn")
    assert response.get_data(as_text=True).count("Mette Hansen</a>") == 4
