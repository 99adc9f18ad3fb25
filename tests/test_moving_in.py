"""Issue 11's day one, end to end through the pages and the API: the consultant imports last year's
spreadsheet of 500 volunteers, finds and merges the duplicates, invites the imported people, and
a script with a token reads the needs and logs a contact."""

import io
import re
from html.parser import HTMLParser

from openpyxl import Workbook
from sqlalchemy import func, select

from crm.auth.models import Role
from crm.contacts.models import ContactLogEntry
from crm.duplicates.models import DuplicatePair
from crm.models import Volunteer
from crm.outbox.models import OutboxMessage
from tests.imports.conftest import HEADERS, batch_path, import_good, upload

FIRST = [
    "Anders",
    "Birgitte",
    "Carsten",
    "Dorthe",
    "Erik",
    "Frida",
    "Gunnar",
    "Hanne",
    "Ib",
    "Jytte",
]
LAST = [
    "Holm",
    "Lund",
    "Bech",
    "Krogh",
    "Dahl",
    "Møller",
    "Skov",
    "Vestergaard",
    "Ravn",
    "Østergaard",
]
TWINS = 4
"""Rows that are people already registered under another address, typed a little differently."""
SAME_ADDRESS = 3
"""Rows whose e-mail address is already a volunteer's."""


class FormDefaults(HTMLParser):
    """The values a form would send as it stands: hidden fields and the checked radio buttons."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        kind = attrs.get("type")
        if tag == "input" and (kind == "hidden" or (kind == "radio" and "checked" in attrs)):
            self.values[attrs["name"]] = attrs.get("value", "")


def _row(i: int) -> list:
    first, last = FIRST[i % 10], f"{LAST[(i // 10) % 10]}{i // 100 or ''}"
    return [
        first,
        last,
        f"frivillig{i}@example.org",
        f"+45 3{i:07d}",
        f"{1000 + i * 18}",  # every row its own postcode: only the planted twins look alike
        "Aarhus",
        "Aarhus",
        "Har arbejdet med lokaldemokrati",
        "engelsk B2",
        "Kenya",
        "01-02-2027",
        "",
        "",
    ]


def _spreadsheet(existing: list[Volunteer], twins: list[Volunteer]) -> bytes:
    """500 rows as a party office keeps them: mostly new people, a few registered already (same
    address), a few registered under another address (same phone, the name typed differently),
    and one row with a broken address."""
    rows = [_row(i) for i in range(500)]
    for i, volunteer in enumerate(existing):
        rows[10 + i][2] = volunteer.email.upper()
    for i, volunteer in enumerate(twins):
        row = rows[100 + i]
        row[0], row[1] = volunteer.first_name, volunteer.last_name + "n"  # Holm -> Holmn
        row[3] = volunteer.phone.replace("+45", "0045 ")
    rows[250][2] = "ikke-en-adresse"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_importing_last_years_spreadsheet_merging_its_duplicates_and_syncing_through_the_api(
    app, client, db, auth, make_user, make_branch, make_volunteer, make_need
):
    make_branch(name="Socialdemokratiet i Aarhus", municipality="Aarhus")
    consultant = make_user(Role.CONSULTANT, email="konsulent@example.org", name="Karen Konsulent")
    existing = [make_volunteer(email=f"kendt{i}@example.org") for i in range(SAME_ADDRESS)]
    twins = [
        make_volunteer(
            email=f"privat{i}@example.org",
            first_name="Kirsten",
            last_name=["Holm", "Lund", "Bech", "Dahl"][i],
            phone=f"+4561{i:06d}",
        )
        for i in range(TWINS)
    ]
    need = make_need(title="Træner i lokaldemokrati")
    auth.login(consultant.email)

    # 1. Import: 500 rows checked, the bad one named, the good ones imported, nobody twice
    response = upload(client, _spreadsheet(existing, twins), "frivillige-2025.xlsx")
    path = batch_path(response)
    import_good(client, path)
    result = client.get(path).get_data(as_text=True)
    imported = db.session.scalars(select(Volunteer).where(Volunteer.imported_at.is_not(None))).all()
    assert len(imported) == 500 - 1 - SAME_ADDRESS
    assert f"{TWINS} mulige dubletter at gennemgå" in result
    assert db.session.scalar(select(func.count(Volunteer.id))) == SAME_ADDRESS + TWINS + 496

    # 2. The possible duplicates are in the queue; each is merged on the merge screen as it stands
    queue = client.get("/consultant/duplicates").get_data(as_text=True)
    pairs = db.session.scalars(select(DuplicatePair).order_by(DuplicatePair.id)).all()
    assert len(pairs) == TWINS and all(p.source == "import" for p in pairs)
    for pair in pairs:
        assert f'href="/consultant/duplicates/{pair.id}"' in queue
        screen = FormDefaults()
        screen.feed(client.get(f"/consultant/duplicates/{pair.id}").get_data(as_text=True))
        merged = client.post(f"/consultant/duplicates/{pair.id}/merge", data=screen.values)
        assert merged.status_code == 302
    db.session.expire_all()
    assert all(p.status == "merged" for p in db.session.scalars(select(DuplicatePair)))
    tombstones = db.session.scalars(select(Volunteer).where(Volunteer.merged_into_id.is_not(None)))
    assert len(tombstones.all()) == TWINS
    assert "Ingen mulige dubletter venter" in client.get("/consultant/duplicates").get_data(
        as_text=True
    )

    # 3. The imported people still on record are invited to claim their profile, once each
    batch_id = int(path.rsplit("/", 1)[1])
    assert client.post(f"{path}/invite", data={"invite_all": "1"}).status_code == 302
    invited = db.session.scalar(
        select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "claim-invitation")
    )
    still_imported = db.session.scalar(
        select(func.count(Volunteer.id)).where(
            Volunteer.import_batch_id == batch_id,
            Volunteer.merged_into_id.is_(None),
            Volunteer.user_id.is_(None),
        )
    )
    assert invited == still_imported >= 496 - TWINS

    # 4. A token made on the account page; a script reads the needs and logs a contact with it
    page = client.post(
        "/account/api-tokens", data={"name": "Medlemssystem", "days": "30", "scope": "write"}
    ).get_data(as_text=True)
    token = re.search(r'id="new-token-value"[^>]* value="(frv_[^"]+)"', page).group(1)
    script = app.test_client()  # no cookie: the token alone
    headers = {"Authorization": f"Bearer {token}"}
    needs = script.get("/api/v1/needs", headers=headers)
    assert needs.status_code == 200
    assert need.id in [n["id"] for n in needs.get_json()["data"]]
    someone = imported[0]
    logged = script.post(
        "/api/v1/contacts",
        headers=headers,
        json={"volunteer_id": someone.id, "channel": "phone", "summary": "Ringede om Kenya"},
    )
    assert logged.status_code == 201
    entry = db.session.get(ContactLogEntry, logged.get_json()["data"]["id"])
    assert (entry.volunteer_id, entry.author_id) == (someone.id, consultant.id)
    record = client.get(f"/consultant/volunteers/{someone.id}").get_data(as_text=True)
    assert "Ringede om Kenya" in record
