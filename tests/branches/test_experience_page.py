"""The branch's experience page: entries saved, what we read shown back, corrections kept."""

from crm.extensions import db as _db
from crm.models import Branch, BranchExperience


def _rows(*rows, version):
    data = {"version": str(version), "nav": "save"}
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"entries-{i}-{name}"] = value
    return data


def test_entries_are_saved_and_read_back(client, auth, db, contact):
    branch, user = contact()
    auth.login(user.email)
    page = client.get("/branch/experience")
    assert page.status_code == 200 and "Vores erfaring" in page.get_data(as_text=True)

    answer = client.post(
        "/branch/experience",
        data=_rows(
            {"description": "Vi har drevet et ungdomsnetværk i tre år"},
            {"area": "candidate-training", "level": "3", "years": "2"},
            version=branch.version,
        ),
        follow_redirects=True,
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "Det har vi læst i afdelingens beskrivelse" in html
    assert 'id="read-youth-networks"' in html
    assert 'id="read-candidate-training"' not in html  # an area the entry names is not "read"
    saved = _db.session.get(Branch, branch.id)
    assert [(e.area, e.level, e.years) for e in saved.experience] == [
        (None, None, None),
        ("candidate-training", 3, 2),
    ]


def test_a_correction_is_shown_and_undone(client, auth, db, contact):
    branch, user = contact()
    branch.experience = [BranchExperience(description="Vi har drevet et ungdomsnetværk")]
    db.session.commit()
    auth.login(user.email)

    def correct(action, **extra):
        version = _db.session.get(Branch, branch.id).version
        _db.session.rollback()
        data = {"version": version, "area": "youth-networks", "action": action, **extra}
        return client.post("/branch/experience/reading", data=data, follow_redirects=True)

    html = correct("change", level="2").get_data(as_text=True)
    assert "Niveau rettet af afdelingen" in html
    html = correct("remove").get_data(as_text=True)
    assert "Fjernet af afdelingen" in html
    html = correct("undo").get_data(as_text=True)
    assert "Fjernet af afdelingen" not in html and "Bekræft" in html


def test_a_stale_save_changes_nothing(client, auth, db, contact):
    branch, user = contact()
    auth.login(user.email)
    old = branch.version
    branch.description = "changed elsewhere"
    db.session.commit()
    answer = client.post(
        "/branch/experience", data=_rows({"description": "Noget nyt"}, version=old)
    )
    assert answer.status_code == 409
    assert _db.session.get(Branch, branch.id).experience == []


def test_an_area_not_read_cannot_be_corrected(client, auth, db, contact):
    branch, user = contact()
    auth.login(user.email)
    data = {"version": branch.version, "area": "youth-networks", "action": "confirm"}
    assert client.post("/branch/experience/reading", data=data).status_code == 404
    assert _db.session.get(Branch, branch.id).corrections == []


def test_odd_rows_are_refused_not_saved(client, auth, db, contact):
    branch, user = contact()
    auth.login(user.email)
    answer = client.post(
        "/branch/experience",
        data=_rows({"area": "no-such-area", "level": "9"}, version=branch.version),
    )
    assert answer.status_code == 422
    assert _db.session.get(Branch, branch.id).experience == []
