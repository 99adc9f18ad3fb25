"""Every volunteer's name for the typo-tolerant search, kept on disk so a fresh process is quick.

Reading and folding 100,000 names takes about half a second, too long for the first fuzzy
search of each gunicorn worker. So the index is written to a file (NAME_INDEX_FILE, by default
instance/name-index.npz: plain NumPy arrays, no pickle) together with where it stood in the
change feed (crm.volunteers.changes); a fresh process loads the file (a few tens of
milliseconds) and reads again only the names of volunteers stamped since. Every search asks the
feed first, so a name changed or a person erased in any process shows in the next search of
every process: old names are hidden and new names sit in a small overlay. The names are read
whole, and the file written again, when there is no file (or it holds another database's), when
the feed cannot explain a change, after more than REWRITE_AT changed volunteers, and when someone
was erased, so that the file never keeps an erased person's name (erasure also deletes the file:
drop_file()).

Why a file rather than PostgreSQL's pg_trgm or a stored folded column: the same code serves
SQLite and PostgreSQL, rapidfuzz keeps today's scores exactly (a trigram prefilter would miss
some short typo matches rapidfuzz accepts), and the file costs nothing on the write path.
"""

import itertools
import os
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import numpy as np
from flask import current_app
from rapidfuzz import fuzz, process, utils
from sqlalchemy import select

from crm.extensions import db
from crm.volunteers import changes
from crm.volunteers.models import Volunteer
from crm.volunteers.services import not_erased_condition

FUZZY_LIMIT = 200
"""At most this many fuzzy name hits, best first."""

FUZZY_CUTOFF = 75
"""The lowest rapidfuzz WRatio (0–100) that counts as a hit ("Mete Hansn" → "Mette Hansen")."""

DIGRAPHS = {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"}
"""How Danish (and German) letters are written without them; the fold every name shares."""
SHORT = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"})
"""How they are written when the mark is simply dropped."""

KINDS = ("full", "first", "last")
FORMAT = "name-index/2"


def _strip_accents(text: str) -> str:
    """Remove other accents (é → e), leaving letters such as ø that do not decompose."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, æ ø å (and ä ö ü) as ae oe aa, no accents: "Østergård" → "oestergaard"."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _strip_accents("".join(DIGRAPHS.get(c, c) for c in lowered))


def fold_short(text: str) -> str:
    """Lower case, æ ø å as a o a, no accents: "Søren Ærø" → "soren aro"."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _strip_accents(lowered.translate(SHORT))


class DistinctNames:
    """Each distinct (processed) name once, with the ids of the volunteers who bear it.

    Names repeat a lot (495 first names among the 100,000 demo volunteers), so rapidfuzz
    compares each distinct name once instead of once per volunteer.
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self.ids: list[list[int]] = []
        self._position: dict[str, int] = {}
        self._flat: np.ndarray | None = None  # read from the file: every id in a row, and
        self._starts: np.ndarray | None = None  # where each name's start (no list per name)

    def add(self, name: str, volunteer_id: int) -> None:
        """Record that the volunteer bears this name (once, however often it is added)."""
        i = self._position.get(name)
        if i is None:
            self._position[name] = i = len(self.names)
            self.names.append(name)
            self.ids.append([])
        ids = self.ids[i]
        if not ids or ids[-1] != volunteer_id:  # ids arrive in order: a repeat is the last one
            ids.append(volunteer_id)

    def arrays(self, kind: str) -> dict[str, np.ndarray]:
        """The names as three arrays for the file: the names as UTF-8 text, one a line (a
        processed name holds letters, digits and spaces only), every id in a row, and where
        each name's ids start."""
        sizes = [len(ids) for ids in self.ids]
        text = "\n".join(self.names).encode()
        return {
            f"{kind}_names": np.frombuffer(text, dtype=np.uint8),
            f"{kind}_ids": np.array(list(itertools.chain.from_iterable(self.ids)), dtype=np.int64),
            f"{kind}_starts": np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)]),
        }

    def ids_of(self, i: int) -> list[int]:
        """The ids of the volunteers who bear names[i]."""
        if self._flat is not None:
            return self._flat[self._starts[i] : self._starts[i + 1]].tolist()
        return self.ids[i]

    @classmethod
    def from_arrays(cls, data, kind: str) -> "DistinctNames":
        """The names written by arrays(), to search (not to add to)."""
        names = cls()
        text = data[f"{kind}_names"].tobytes().decode()
        names.names = text.split("\n") if text else []
        names._flat, names._starts = data[f"{kind}_ids"], data[f"{kind}_starts"]
        return names


def _names_of(rows: Iterable[tuple[int, str, str]]) -> dict[str, DistinctNames]:
    """full, first and last names of these (id, first, last) rows (in id order), both folds."""
    found = {kind: DistinctNames() for kind in KINDS}
    process_name = utils.default_process
    for vid, first, last in rows:
        names = [(fold(first), fold(last))]
        if not (first + last).isascii():  # the other fold differs only for such names
            names.append((fold_short(first), fold_short(last)))
        for folded_first, folded_last in names:
            found["first"].add(process_name(folded_first), vid)
            found["last"].add(process_name(folded_last), vid)
            found["full"].add(process_name(f"{folded_first} {folded_last}"), vid)
    return found


def _read(volunteer_ids: list[int] | None = None) -> list[tuple[int, str, str]]:
    """(id, first name, last name) of every volunteer not erased (or of these), by id."""
    stmt = select(Volunteer.id, Volunteer.first_name, Volunteer.last_name).where(
        not_erased_condition()
    )
    if volunteer_ids is not None:
        stmt = stmt.where(Volunteer.id.in_(volunteer_ids))
    return [tuple(row) for row in db.session.execute(stmt.order_by(Volunteer.id))]


def _database() -> str:
    """Which database the names come from: its address and its first volunteer's creation."""
    first = db.session.execute(
        select(Volunteer.id, Volunteer.created_at).order_by(Volunteer.id).limit(1)
    ).first()
    url = db.engine.url.render_as_string(hide_password=True)
    return f"{url}|{first[0]}|{first[1].isoformat()}" if first else f"{url}|empty"


def drop_file() -> None:
    """Delete the index file (an erasure: the next process to search writes it without them)."""
    Path(current_app.config["NAME_INDEX_FILE"]).unlink(missing_ok=True)


class NameIndex:
    """All volunteers' names in memory for rapidfuzz, current with the database (see above)."""

    REWRITE_AT = 500
    """Beyond this many volunteers changed since the names were read whole, read them again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._database = ""
        self._position: changes.Position | None = None
        self._base: dict[str, DistinctNames] = {}
        self._hidden: set[int] = set()  # ids whose base names are out of date
        self._changed: dict[int, tuple[str, str]] = {}  # their names now
        self._overlay: dict[str, DistinctNames] = {}

    def clear(self) -> None:
        """Forget every name (tests call this when they empty the database under it)."""
        with self._lock:
            self._reset()

    @staticmethod
    def _file() -> Path:
        return Path(current_app.config["NAME_INDEX_FILE"])

    def _read_all(self, database: str) -> None:
        self._reset()
        self._database, self._position = database, changes.position()
        self._base = _names_of(_read())
        self._write()

    def _write(self) -> None:
        """Write the names and the feed position to the file (atomically, by a rename)."""
        position = self._position
        recent = sorted(position.recent.items())
        arrays = {
            "format": np.array(FORMAT),
            "database": np.array(self._database),
            "newest": np.array(position.newest.isoformat() if position.newest else ""),
            "count": np.array(position.count, dtype=np.int64),
            "recent_ids": np.array([vid for vid, _ in recent], dtype=np.int64),
            "recent_stamps": np.array([s.isoformat() for _, s in recent], dtype=str),
        }
        for kind in KINDS:
            arrays.update(self._base[kind].arrays(kind))
        target = self._file()
        temporary = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".npz", delete=False) as f:
                temporary = Path(f.name)
                np.savez(f, **arrays)
            os.replace(temporary, target)
        except OSError as error:  # a read-only disk: the index still works, in memory
            current_app.logger.warning("name index not written: %s", error.strerror)
            if temporary is not None:
                temporary.unlink(missing_ok=True)

    def _load(self, database: str) -> bool:
        """Take the names from the file when it holds this database's; True when it did."""
        try:
            with np.load(self._file(), allow_pickle=False) as data:
                if str(data["format"]) != FORMAT or str(data["database"]) != database:
                    return False
                newest = str(data["newest"])
                stamps = [datetime.fromisoformat(s) for s in data["recent_stamps"].tolist()]
                self._reset()
                self._database = database
                self._position = changes.Position(
                    datetime.fromisoformat(newest) if newest else None,
                    dict(zip(data["recent_ids"].tolist(), stamps, strict=True)),
                    int(data["count"]),
                )
                self._base = {kind: DistinctNames.from_arrays(data, kind) for kind in KINDS}
                return True
        except (OSError, KeyError, ValueError):
            return False

    def _refresh(self) -> None:
        database = _database()
        if self._database != database and not self._load(database):
            self._read_all(database)
            return
        found = changes.changes_since(self._position)
        if found is None or len(self._hidden | set(found[0])) > self.REWRITE_AT:
            self._read_all(database)
            return
        ids, position = found
        if not ids:
            self._position = position
            return
        rows = _read(ids)
        if len(rows) < len(ids):  # someone was erased: the file must not keep their name
            self._read_all(database)
            return
        self._position = position
        self._hidden.update(ids)
        self._changed.update((vid, (first, last)) for vid, first, last in rows)
        self._overlay = _names_of((v, *self._changed[v]) for v in sorted(self._changed))

    def search(self, q: str, limit: int = FUZZY_LIMIT) -> list[tuple[int, float]]:
        """(volunteer id, score) of the names closest to q, best first, ties by id.

        Several words are compared with whole names, in any order (token_sort_ratio); one
        word with first names and with last names (ratio), which is fast and forgives typos.
        """
        texts = {utils.default_process(fold(q)), utils.default_process(fold_short(q))}
        with self._lock:
            self._refresh()
            kinds = [("full", fuzz.token_sort_ratio)]
            if len(next(iter(texts)).split()) <= 1:
                kinds = [("first", fuzz.ratio), ("last", fuzz.ratio)]
            best: dict[int, float] = {}
            for (kind, scorer), text in itertools.product(kinds, texts):
                for names, hidden in ((self._base, self._hidden), (self._overlay, ())):
                    if kind not in names:
                        continue
                    for _name, score, i in process.extract(
                        text,
                        names[kind].names,
                        scorer=scorer,
                        processor=None,
                        limit=None,
                        score_cutoff=FUZZY_CUTOFF,
                    ):
                        for vid in names[kind].ids_of(i):
                            if vid not in hidden:
                                best[vid] = max(score, best.get(vid, 0))
        return sorted(best.items(), key=lambda h: (-h[1], h[0]))[:limit]


name_index = NameIndex()
