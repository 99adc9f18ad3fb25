"""The volunteer sees what was read from their text and corrects it; the correction is kept."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from crm.database import utcnow
from crm.matches.skills import read_back
from crm.models import ExperienceEntry, Match, VolunteerLanguage
from crm.volunteers.models import SkillCorrection
from tests.volunteers.conftest import fresh

ENERGY = "Jeg har arbejdet med energiomstiling i kommunen"
CAMPAIGN_AND_ENERGY = "Jeg har arbejdet med energiomstiling og valgkamp"


@pytest.fixture()
def correct(client):
    """correct(volunteer, area, action, level=None, back="experience"): press a row's button."""

    def post(volunteer, area, action, level=None, back="experience", **extra):
        data = {"version": fresh(volunteer).version, "area": area, "back": back, "action": action}
        data["level"] = str(level or 1)
        return client.post("/me/reading", data={**data, **extra})

    return post


def save_text(post_step, volunteer, text, **row):
    """Save the experience step with one free-text entry (keeping its id, as the form does)."""
    current = fresh(volunteer).experience
    data = {"entries-0-description": text}
    if current:
        data["entries-0-id"] = str(current[0].id)
    data.update({f"entries-0-{name}": value for name, value in row.items()})
    response = post_step(volunteer, "experience", data)
    assert response.status_code == 302
    return response


def text_skills(volunteer) -> dict[str, tuple[int, float]]:
    return {s.area: (s.level, s.confidence) for s in fresh(volunteer).skills if s.source == "text"}


def reading_section(html: str) -> str:
    match = re.search(r'<section class="reading".*?</section>', html, re.S)
    assert match, "no reading section"
    return match.group(0)


def test_the_reading_is_shown_after_saving_in_danish_and_english(client, volunteer, post_step):
    response = post_step(
        volunteer,
        "experience",
        {"entries-0-description": ENERGY, "entries-0-years": "8", "nav": "reading"},
    )
    assert response.headers["Location"] == "/me/profile/experience#reading"
    section = reading_section(client.get("/me/profile/experience").get_data(as_text=True))
    assert "Det har vi læst i din beskrivelse" in section
    assert "Energiomstilling og vedvarende energi" in section
    assert "Interesseret / grundlæggende" in section and "8 år" in section
    for words in ("Bekræft", "Gem", "Fjern", 'name="level"', 'id="read-energy-transition"'):
        assert words in section
    assert 'for="level-energy-transition"' in section  # every control has a label

    profile = reading_section(client.get("/me/").get_data(as_text=True))
    assert "Energiomstilling og vedvarende energi" in profile and 'value="profile"' in profile

    client.post("/language", data={"locale": "en"})
    section = reading_section(client.get("/me/profile/experience").get_data(as_text=True))
    assert "What we read from your description" in section
    assert "Energy transition and renewables" in section and "8 years" in section
    for words in ("Confirm", "Save", "Remove", "Interested / basic"):
        assert words in section


def test_the_level_and_years_read_from_the_text_are_shown_and_used(client, volunteer, post_step):
    save_text(post_step, volunteer, "Jeg har ledet valgkampe i 8 år og arbejdet lidt med SoMe")
    assert text_skills(volunteer)["campaigning"][0] == 4
    section = reading_section(client.get("/me/").get_data(as_text=True))
    row = re.search(r'<li id="read-campaigning".*?</li>', section, re.S).group(0)
    assert "Ekspert, har stået i spidsen for det" in row and "8 år" in row


def test_no_section_without_text_and_a_plain_word_when_nothing_is_read(
    client, volunteer, post_step
):
    post_step(volunteer, "experience", {"entries-0-area": "campaigning", "entries-0-level": "3"})
    assert 'class="reading"' not in client.get("/me/profile/experience").get_data(as_text=True)
    save_text(post_step, volunteer, "Jeg strikker gerne")
    section = reading_section(client.get("/me/").get_data(as_text=True))
    assert "Vi genkendte ingen af vores områder i din beskrivelse" in section


def test_an_area_declared_in_an_entry_is_not_shown_as_read(client, volunteer, post_step):
    save_text(post_step, volunteer, CAMPAIGN_AND_ENERGY, area="energy-transition", level="4")
    section = reading_section(client.get("/me/").get_data(as_text=True))
    assert "Valgkamp og kampagner" in section
    assert "Energiomstilling" not in section


def test_confirm_change_and_remove_survive_new_text_and_rematch(
    client, volunteer, post_step, correct, runner
):
    save_text(post_step, volunteer, CAMPAIGN_AND_ENERGY + " og sociale medier")
    read = text_skills(volunteer)
    assert {"campaigning", "energy-transition", "communication"} <= set(read)
    assert read["energy-transition"][1] < 1.0  # "energiomstiling": the typo costs a little

    response = correct(volunteer, "energy-transition", "confirm")
    assert response.headers["Location"] == "/me/profile/experience#read-energy-transition"
    assert correct(volunteer, "campaigning", "change", level=4).status_code == 302
    assert correct(volunteer, "communication", "remove").status_code == 302

    def check():
        skills = text_skills(volunteer)
        # confirmed: the level keeps following the text, now as the volunteer's own statement
        [now] = [r for r in read_back(fresh(volunteer)) if r.area == "energy-transition"]
        assert skills["energy-transition"] == (now.reading.level, 1.0)
        assert skills["campaigning"] == (4, 1.0)
        assert "communication" not in skills

    check()
    save_text(post_step, volunteer, "Sociale medier, valgkamp og energiomstilling, mange år")
    check()
    result = runner.invoke(args=["rematch"])
    assert result.exit_code == 0, result.output
    check()

    section = reading_section(client.get("/me/profile/experience").get_data(as_text=True))
    assert "Bekræftet af dig." in section
    assert "Niveau rettet af dig (vi læste: Interesseret / grundlæggende)." in section
    assert "Fjernet af dig" in section and "Fortryd" in section
    row = re.search(r'<li id="read-energy-transition".*?</li>', section, re.S).group(0)
    assert 'value="confirm"' not in row  # already confirmed


def test_undo_brings_a_removed_area_back(client, volunteer, post_step, correct):
    save_text(post_step, volunteer, ENERGY)
    reading = text_skills(volunteer)["energy-transition"]
    correct(volunteer, "energy-transition", "remove")
    assert "energy-transition" not in text_skills(volunteer)
    response = correct(volunteer, "energy-transition", "undo")
    assert response.status_code == 302
    assert text_skills(volunteer)["energy-transition"] == reading
    assert fresh(volunteer).corrections == []


def test_each_action_says_which_area_it_was(client, volunteer, post_step, correct):
    save_text(post_step, volunteer, ENERGY)
    messages = {
        "confirm": "Bekræftet: Energiomstilling og vedvarende energi.",
        "change": "Energiomstilling og vedvarende energi: dit niveau er nu »Erfaren«.",
        "remove": "Fjernet: Energiomstilling og vedvarende energi.",
        "undo": "Energiomstilling og vedvarende energi er med igen",
    }
    for action, message in messages.items():
        response = correct(volunteer, "energy-transition", action, level=3, back="profile")
        assert response.headers["Location"] == "/me/#read-energy-transition"
        assert message in client.get("/me/").get_data(as_text=True), action


def test_a_correction_for_an_area_no_longer_read_waits_unshown(
    client, volunteer, post_step, correct
):
    save_text(post_step, volunteer, ENERGY)
    correct(volunteer, "energy-transition", "change", level=3)
    save_text(post_step, volunteer, "Jeg har ført valgkamp")
    assert "energy-transition" not in text_skills(volunteer)
    assert "Energiomstilling" not in reading_section(client.get("/me/").get_data(as_text=True))
    save_text(post_step, volunteer, ENERGY)
    assert text_skills(volunteer)["energy-transition"] == (3, 1.0)


def test_a_correction_beats_the_reading_in_the_score(
    client, volunteer, post_step, correct, make_need, db
):
    v = fresh(volunteer)
    v.consent_version, v.consent_at = "2026-11", utcnow()
    v.available_from, v.available_to = date(2027, 1, 1), date(2027, 12, 31)
    v.languages = [VolunteerLanguage(code="en", level="C1")]
    db.session.commit()
    need = make_need(skills=(("energy-transition", 3, 3),))
    save_text(post_step, volunteer, ENERGY)

    def score() -> float | None:
        db.session.expire_all()
        match = db.session.scalar(select(Match).where(Match.need_id == need.id))
        return match.score if match and not match.excluded else None

    read = score()
    assert read is not None
    correct(volunteer, "energy-transition", "change", level=4)
    changed = score()
    assert changed > read
    correct(volunteer, "energy-transition", "remove")
    assert score() < read


def test_another_volunteers_areas_are_out_of_reach(
    client, volunteer, post_step, correct, make_volunteer, db
):
    other = make_volunteer(first_name="Anden")
    other.experience = [ExperienceEntry(description="Jeg har stået for valgkamp i ti år")]
    db.session.commit()
    save_text(post_step, volunteer, ENERGY)
    # An area read only from the other volunteer's text cannot be corrected ...
    assert correct(volunteer, "campaigning", "remove").status_code == 404
    # ... and an id in the form changes nothing: the correction is always the logged-in one's.
    response = correct(
        volunteer, "energy-transition", "remove", volunteer_id=str(other.id), id=str(other.id)
    )
    assert response.status_code == 302
    rows = db.session.execute(select(SkillCorrection.volunteer_id, SkillCorrection.area)).all()
    assert rows == [(volunteer.id, "energy-transition")]
    assert "Anden" not in client.get("/me/").get_data(as_text=True)


def test_a_stale_correction_is_refused_with_409_and_nothing_is_lost(
    client, volunteer, post_step, db
):
    save_text(post_step, volunteer, ENERGY)
    opened_on = fresh(volunteer).version
    save_text(post_step, volunteer, ENERGY + " og valgkamp")  # another window saves first
    for back in ("experience", "profile"):
        response = client.post(
            "/me/reading",
            data={"version": opened_on, "area": "energy-transition", "back": back, "level": "4"}
            | {"action": "change"},
        )
        assert response.status_code == 409
        html = response.get_data(as_text=True)
        assert "så din rettelse blev ikke gemt" in html
        assert "Valgkamp og kampagner" in reading_section(html)  # the current reading is shown
    assert fresh(volunteer).corrections == []
    assert text_skills(volunteer)["energy-transition"][1] < 1.0
    assert fresh(volunteer).experience[0].description == ENERGY + " og valgkamp"


@pytest.mark.parametrize(
    "data",
    [
        {"action": "shout"},
        {"back": "https://evil.example"},
        {"area": ""},
        {"action": "change", "level": "9"},
    ],
)
def test_malformed_correction_forms_are_refused(client, volunteer, post_step, correct, data):
    save_text(post_step, volunteer, ENERGY)
    form = {"version": fresh(volunteer).version, "area": "energy-transition"}
    form |= {"back": "experience", "action": "confirm", "level": "1"} | data
    assert client.post("/me/reading", data=form).status_code == 400
    assert fresh(volunteer).corrections == []


def test_the_export_holds_the_corrections(client, volunteer, post_step, correct):
    save_text(post_step, volunteer, CAMPAIGN_AND_ENERGY)
    correct(volunteer, "energy-transition", "change", level=2)
    correct(volunteer, "campaigning", "remove")
    data = client.get("/me/export.json").get_json()
    rows = {(c["area"], c["action"], c["level"]) for c in data["skill_corrections"]}
    assert rows == {("energy-transition", "change", 2), ("campaigning", "remove", None)}
    assert all(c["at"] for c in data["skill_corrections"])


def test_deleting_the_profile_deletes_the_corrections(client, volunteer, post_step, correct, db):
    save_text(post_step, volunteer, ENERGY)
    correct(volunteer, "energy-transition", "confirm")
    assert client.post("/me/delete", data={"confirm": "y"}).status_code == 302
    assert db.session.scalars(select(SkillCorrection)).all() == []


def test_each_row_form_carries_a_working_csrf_token(app, client, volunteer, post_step):
    save_text(post_step, volunteer, ENERGY)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        section = reading_section(client.get("/me/profile/experience").get_data(as_text=True))
        tokens = re.findall(r'name="csrf_token" type="hidden" value="([^"]+)"', section)
        assert tokens and 'id="csrf_token"' not in section  # one per row, no repeated id
        form = {"version": fresh(volunteer).version, "area": "energy-transition"}
        form |= {"back": "experience", "action": "confirm", "level": "1"}
        assert client.post("/me/reading", data=form).status_code == 400  # no token: refused
        response = client.post("/me/reading", data={**form, "csrf_token": tokens[0]})
        assert response.status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert [c.action for c in fresh(volunteer).corrections] == ["confirm"]
