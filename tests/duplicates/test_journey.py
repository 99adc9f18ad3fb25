"""The issue's journey: last year's spreadsheet of 500 volunteers is imported, its duplicates
(of people registered already, and people twice in the file) are queued, and merged."""

import csv
import io
import re

from sqlalchemy import func, select

from crm.auth.models import Role
from crm.extensions import db
from crm.models import Volunteer
from tests.duplicates.test_merge_screen import checked
from tests.imports.conftest import batch_path, upload

FIRST = [
    "Anne",
    "Bent",
    "Carl",
    "Dorte",
    "Erik",
    "Frida",
    "Gorm",
    "Hanne",
    "Ib",
    "Jytte",
    "Kaj",
    "Lone",
    "Mads",
    "Nina",
    "Ole",
    "Pia",
    "Rune",
    "Signe",
    "Tove",
    "Ulla",
    "Vagn",
    "Yrsa",
    "Tage",
    "Vibeke",
]
LAST = [
    "Andersen",
    "Berg",
    "Christensen",
    "Dahl",
    "Eriksen",
    "Friis",
    "Gram",
    "Holm",
    "Iversen",
    "Juhl",
    "Krogh",
    "Lund",
    "Møller",
    "Nygaard",
    "Olsen",
    "Poulsen",
    "Riis",
    "Skov",
    "Thomsen",
    "Winther",
]
KNOWN = ("Søren", "Åse", "Ægir", "Mette", "Lars", "Kirsten", "Henrik", "Birgitte", "Jonas", "Ida")
TYPED = (
    "Soeren",
    "Aase",
    "Aegir",
    "Mete",
    "Lasse",
    "Kirstin",
    "Henrick",
    "Birgite",
    "Jonnas",
    "Idda",
)
COLUMNS = {
    "first_name": "Fornavn",
    "last_name": "Efternavn",
    "email": "E-mail",
    "phone": "Mobil",
    "postcode": "Postnr.",
}


def last_years_spreadsheet() -> bytes:
    """480 different people, 10 registered already (typed differently, another address) and
    10 who are in the file twice (another address, a name with a typo, the same mobile)."""
    names = [(f, last) for last in LAST for f in FIRST]
    out = io.StringIO()
    sheet = csv.writer(out, delimiter=";")
    sheet.writerow(COLUMNS.values())
    for i, (first, last) in enumerate(names):
        sheet.writerow([first, last, f"p{i}@example.org", f"4{i:07d}", f"{1000 + i}"])
    for i, first in enumerate(TYPED):
        sheet.writerow([first, "Kjaergaard", f"k{i}@example.org", f"3000 {i:04d}", "8000"])
    for i, (first, last) in enumerate(names[:10]):
        sheet.writerow([first, last + "s", f"twice{i}@example.org", f"+45 4{i:07d}", ""])
    return out.getvalue().encode("cp1252")


def screen_choices(page: str) -> dict:
    """What the merge screen submits as it was opened: its preselected choices and versions."""
    names = set(re.findall(r'<input[^>]*type="radio"[^>]*name="([^"]+)"', page))
    names |= set(re.findall(r'<input[^>]*name="([^"]+)"[^>]*type="radio"', page))
    data = {name: checked(page, name) for name in names}
    data |= dict(re.findall(r'name="(version_\w+)" type="hidden" value="(\d+)"', page))
    return data


def test_importing_last_years_spreadsheet_queues_its_duplicates_to_merge(
    client, auth, make_user, make_volunteer
):
    for i, first in enumerate(KNOWN):
        make_volunteer(
            first_name=first, last_name="Kjærgaard", phone=f"+45 3000{i:04d}", postcode="8000"
        )
    auth.login(make_user(Role.CONSULTANT).email)
    path = batch_path(upload(client, last_years_spreadsheet(), "frivillige 2025.csv"))
    client.post(f"{path}/columns", data=COLUMNS | {"check": "1"})
    page = client.get(f"{path}/check").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    client.post(f"{path}/finish", data={"version": version, "import_good": "1"})
    imported = select(func.count()).where(Volunteer.imported_at.is_not(None))
    assert db.session.scalar(imported) == 500

    assert "20 mulige dubletter at gennemgå" in client.get(path).get_data(as_text=True)
    queue = client.get("/consultant/duplicates").get_data(as_text=True)
    assert "20 par at gennemgå" in queue
    assert "Åse Kjærgaard" in queue and "Aase Kjaergaard" in queue
    assert "Anne Andersens" in queue

    first_pair = re.search(r'href="/consultant/duplicates/(\d+)"', queue).group(1)
    screen = client.get(f"/consultant/duplicates/{first_pair}").get_data(as_text=True)
    merged = client.post(f"/consultant/duplicates/{first_pair}/merge", data=screen_choices(screen))
    assert merged.status_code == 302
    assert "19 par at gennemgå" in client.get("/consultant/duplicates").get_data(as_text=True)
