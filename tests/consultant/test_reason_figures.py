"""The dashboard's figures that teach the matching: exit reasons counted with their shares, and
the score factors of placed matches beside declined and not suitable ones, against a hand-made
fixture."""

import re

import pytest

from crm.extensions import db
from crm.matches import reason_figures
from crm.models import MatchTransition
from tests.consultant.factories import add_match


def factor(kind: str, points: float, max_points: float) -> dict:
    return {"factor": kind, "subject": "x", "points": points, "max_points": max_points}


PLACED_EXPLANATION = [
    factor("skill", 24.0, 30.0),
    factor("text_skill", 6.0, 10.0),
    factor("language", 6.0, 6.0),
    factor("country", 8.0, 8.0),
    factor("hours", 6.0, 6.0),
    factor("period", 4.0, 4.0),
]
COMPLETED_EXPLANATION = [
    factor("skill", 16.0, 30.0),
    factor("skill_lacking", 0.0, 10.0),
    factor("language_lacking", 0.0, 6.0),
    factor("region", 4.0, 8.0),
    factor("travel", 3.0, 3.0),
]
EXITED_EXPLANATION = [
    factor("skills_unknown", 0.0, 40.0),
    factor("language", 3.0, 6.0),
    factor("countries_unknown", 0.0, 8.0),
    factor("hours_unknown", 0.0, 6.0),
    factor("an_older_kind", 5.0, 5.0),  # not in any group: left out of the figures
]


def exit_step(match, to_state: str, code: str | None, reason: str = "") -> None:
    db.session.add(
        MatchTransition(
            match_id=match.id,
            from_state="contacted",
            to_state=to_state,
            reason=reason,
            reason_code=code,
        )
    )
    db.session.commit()


@pytest.fixture()
def fixture(make_need, make_volunteer, make_branch):
    """Two placements, three exits (one without a code, from before the list), a branch's offer
    declined (left out) and a shortlisted match (left out)."""
    need = make_need()
    add_match(need, make_volunteer(), state="placed", explanation=PLACED_EXPLANATION)
    add_match(need, make_volunteer(), state="completed", explanation=COMPLETED_EXPLANATION)
    a = add_match(need, make_volunteer(), state="declined", explanation=EXITED_EXPLANATION)
    b = add_match(need, make_volunteer(), state="not_suitable", explanation=EXITED_EXPLANATION)
    c = add_match(need, make_volunteer(), state="declined", explanation=[])
    add_match(need, make_volunteer(), state="shortlisted", explanation=PLACED_EXPLANATION)
    exit_step(a, "declined", "availability", "Ingen tid")
    exit_step(b, "not_suitable", "availability")
    exit_step(c, "declined", None, "Gammel begrundelse")
    # c was declined once before, re-opened and declined again: both decisions count.
    exit_step(c, "declined", "own_reasons")
    offer = db.session.get(type(a), add_match_for_branch(need, make_branch()))
    exit_step(offer, "declined", "skills")
    return need


def add_match_for_branch(need, branch) -> int:
    from crm.models import Match

    match = Match(need_id=need.id, branch_id=branch.id, state="declined", explanation=[])
    db.session.add(match)
    db.session.commit()
    return match.id


def test_reason_counts_per_state_with_shares(app, fixture):
    with app.test_request_context():
        figures = reason_figures.reason_counts()
    rows = {r.code: r for r in figures.rows}
    assert figures.total == 4  # the branch's offer is not counted
    assert rows["availability"].counts == {"declined": 1, "not_suitable": 1}
    assert rows["own_reasons"].counts == {"declined": 1, "not_suitable": 0}
    assert rows[reason_figures.NO_CODE].total == 1
    assert rows["skills"].total == 0
    assert figures.share(rows["availability"]) == 50.0
    assert [r.code for r in figures.rows][:7] == [
        "skills",
        "level",
        "languages",
        "availability",
        "chose_another",
        "own_reasons",
        "other",
    ]


def test_factor_averages_placed_against_exited(app, fixture):
    with app.test_request_context():
        figures = reason_figures.factor_averages()
    assert figures.matches == {"placed": 2, "exited": 3}
    rows = {r.group: r for r in figures.rows}
    # Placed and completed: (24 + 6 + 16 + 0) / 2 points of (30 + 10 + 30 + 10) / 2.
    assert rows["skills"].points["placed"] == pytest.approx(23.0)
    assert rows["skills"].max_points["placed"] == pytest.approx(40.0)
    assert rows["skills"].share("placed") == pytest.approx(57.5)
    assert rows["languages"].points["placed"] == pytest.approx(3.0)
    assert rows["countries"].points["placed"] == pytest.approx(6.0)
    assert rows["availability"].points["placed"] == pytest.approx(6.5)  # (6 + 4 + 3) / 2
    # Declined and not suitable: two explanations of the same shape and one empty one.
    assert rows["skills"].points["exited"] == pytest.approx(0.0)
    assert rows["skills"].max_points["exited"] == pytest.approx(80 / 3)
    assert rows["languages"].points["exited"] == pytest.approx(2.0)
    assert rows["availability"].max_points["exited"] == pytest.approx(4.0)


def test_the_dashboard_shows_the_reasons_chart_and_table_and_the_factors(
    client, consultant, fixture
):
    html = client.get("/consultant/").get_data(as_text=True)
    start = html.index('id="reasons"')
    reasons = html[start : html.index("</section>", start)]
    assert 'role="img"' in reasons and "<table>" in reasons  # the chart and its table
    assert "Nej fordelt på begrundelse, med “takket nej” og “ikke egnet”" in reasons
    row = re.search(r"Tid, periode eller rejse: 50 %</th>(.*?)</tr>", reasons, re.S)
    assert re.findall(r"<td>([^<]*)</td>", row.group(1)) == ["1", "1", "2"]
    assert "Ingen begrundelse fra listen" in reasons  # the exit from before the list
    start = html.index('id="factors"')
    factors = html[start : html.index("</section>", start)]
    assert "Scorens faktorer: placerede over for takket nej og ikke egnet" in factors
    assert (
        "Placeret eller afsluttet (2)" in factors and "Takket nej eller ikke egnet (3)" in factors
    )
    row = re.search(r"Kompetencer</th>(.*?)</tr>", factors, re.S).group(1)
    assert "23,0 af 40,0" in row and "(58 %)" in row


def test_with_no_exits_the_dashboard_says_so(client, consultant):
    html = client.get("/consultant/").get_data(as_text=True)
    assert "Intet match har fået et nej endnu." in html


def test_the_cli_prints_the_figures_as_tables(app, fixture):
    result = app.test_cli_runner().invoke(args=["reason-figures"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(
        re.match(r"\| Time, period or travel.*\| +1 \| +1 \| +2 \| +50 % \|", line)
        for line in lines
    )
    assert any(re.match(r"\| Skills +\| 23\.0 of 40\.0 \(58 %\)", line) for line in lines)
