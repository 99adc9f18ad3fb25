"""The need page counts every ranked volunteer, not only the best MATCH_STORE_TOP it stores."""

import re
from datetime import date

import pytest

from crm.auth.models import Role
from crm.matches import pool_cache, queries, refresh
from crm.models import VolunteerLanguage, VolunteerSkill
from tests.conftest import PASSWORD


@pytest.fixture()
def ranked_need(app, db, monkeypatch, make_need, make_volunteer):
    """A need ranked against seven volunteers while only the best two of each kind are stored."""
    monkeypatch.setitem(app.config, "MATCH_STORE_TOP", 2)
    need = make_need(title="Byrådstræner")
    for i in range(7):
        v = make_volunteer(
            first_name=f"V{i}",
            available_from=date(2027, 1, 1),
            available_to=date(2027, 12, 31),
            travel="short",
        )
        v.skills = [VolunteerSkill(area="local-democracy", level=1 + i % 4, source="declared")]
        # Four speak English well enough; three fail the required B2 and are excluded.
        v.languages = [VolunteerLanguage(code="en", level="C1" if i < 4 else "A2")]
    db.session.commit()
    with app.test_request_context():
        pool_cache.forget_pool()
        refresh.rematch_all(derive_skills=False)
        db.session.commit()
    return need


def test_tabs_say_how_many_of_how_many(app, ranked_need, make_user):
    need = ranked_need
    with app.test_request_context():
        counts = queries.state_counts(need.id)
        assert (counts["suggested"], counts["excluded"]) == (2, 2)
        assert counts.ranked_total("suggested") == 4
        assert counts.ranked_total("excluded") == 3

    client = app.test_client()
    client.post("/login", data={"email": make_user(Role.CONSULTANT).email, "password": PASSWORD})
    html = client.get(f"/consultant/needs/{need.id}?tab=suggested").get_data(as_text=True)
    assert "Viser de bedste 2 af 4 foreslåede kandidater." in html
    assert "3 frivillige er udelukket" in html
    html = client.get(f"/consultant/needs/{need.id}?tab=excluded").get_data(as_text=True)
    assert "Viser de bedste 2 af 3 udelukkede frivillige." in html


def test_no_summary_means_no_total(app, db, make_need):
    need = make_need()
    with app.test_request_context():
        counts = queries.state_counts(need.id)
        assert counts.ranked_totals == {} and counts.ranked_total("suggested") == 0


def test_the_suggested_and_excluded_tabs_count_every_ranked_volunteer(app, ranked_need, make_user):
    need = ranked_need
    client = app.test_client()
    client.post("/login", data={"email": make_user(Role.CONSULTANT).email, "password": PASSWORD})
    html = client.get(f"/consultant/needs/{need.id}?tab=suggested").get_data(as_text=True)
    tabs = dict(re.findall(r"\n\s*(\w[\w ]*?) <span class=\"count\">(\d+)</span>", html))
    # Two of each are stored and shown, but the tabs say how many there are in all.
    assert tabs["Foreslået"] == "4" and tabs["Udelukket"] == "3"
    heading = html[html.index('id="tab-heading"') : html.index("</h3>")]
    assert "4 kandidater" in heading
    assert "Viser de bedste 2 af 4 foreslåede kandidater." in html
