"""The bulk path: every candidate scored for a need at once with NumPy, explained via score()."""

import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

import numpy as np

from .columns import Columns
from .model import Candidate, NeedSpec, Ranking, Result
from .scoring import score
from .weights import DEFAULT_WEIGHTS, Weights


@dataclass(frozen=True)
class CandidatePool:
    """Every candidate, ready to rank one need against all of them at once.

    Built from candidates (from_candidates), then kept current by replaced(), which builds
    arrays only for the candidates that changed: `base` holds the columns of the candidates the
    pool was built from, `hidden` marks those of them replaced or removed since, and `overlay`
    holds the changed and added candidates. Rankings are those of a pool built from scratch from
    the same candidates; once the overlay outgrows COMPACT_SHARE of the pool, replaced() builds
    the whole pool again.
    """

    weights: Weights
    base: Columns
    hidden: np.ndarray  # (len(base),) bool
    overlay: Columns
    order: np.ndarray  # (len(base) + len(overlay),) int64: each column's place in id order

    COMPACT_SHARE: ClassVar[float] = 0.01
    COMPACT_MIN: ClassVar[int] = 200

    @classmethod
    def from_candidates(
        cls, candidates: Iterable[Candidate], weights: Weights = DEFAULT_WEIGHTS
    ) -> "CandidatePool":
        """Precompute the arrays for these candidates (ids must be unique)."""
        base = Columns.build(candidates, weights)
        n = len(base)
        return cls(weights, base, np.zeros(n, dtype=bool), Columns.build((), weights), np.arange(n))

    def replaced(
        self, changed: Iterable[Candidate] = (), removed_ids: Iterable[str] = ()
    ) -> "CandidatePool":
        """This pool with `changed` candidates added or put in place of those with their ids, and
        the candidates with `removed_ids` left out (unknown ids are ignored). This pool is not
        modified: the new one shares its base arrays."""
        fresh = {c.id: c for c in changed}
        gone = set(removed_ids)
        if gone & fresh.keys():
            raise ValueError("a candidate cannot be both changed and removed")
        gone |= fresh.keys()
        overlay = [c for c in self.overlay.candidates if c.id not in gone] + list(fresh.values())
        if len(overlay) > max(self.COMPACT_MIN, self.COMPACT_SHARE * len(self)):
            kept = [c for c in self.candidates if c.id not in gone]
            return CandidatePool.from_candidates([*kept, *fresh.values()], self.weights)
        hidden = self.hidden.copy()
        if gone and len(self.base):
            wanted = np.array(sorted(gone), dtype=str)
            at = np.minimum(np.searchsorted(self.base.ids, wanted), len(self.base) - 1)
            hidden[at[self.base.ids[at] == wanted]] = True
        top = Columns.build(overlay, self.weights)
        # Merged id order: overlay candidate j has p[j] base columns before it; base column i has
        # the overlay candidates with p[j] <= i before it (an equal, hidden id comes after).
        p = np.searchsorted(self.base.ids, top.ids)
        shift = np.cumsum(np.bincount(p, minlength=len(self.base) + 1))[: len(self.base)]
        order = np.concatenate([np.arange(len(self.base)) + shift, np.arange(len(top)) + p])
        return CandidatePool(self.weights, self.base, hidden, top, order)

    def __len__(self) -> int:
        return len(self.base) - int(self.hidden.sum()) + len(self.overlay)

    @cached_property
    def candidates(self) -> tuple[Candidate, ...]:
        """Every candidate of the pool, by id."""
        if not len(self.overlay) and not self.hidden.any():
            return self.base.candidates
        return tuple(self._column(i) for i in self._by_id())

    def find(self, candidate_id: str) -> Candidate | None:
        """The pool's candidate with this id, if any."""
        for columns, hidden in ((self.overlay, None), (self.base, self.hidden)):
            at = int(np.searchsorted(columns.ids, candidate_id))
            found = at < len(columns) and columns.ids[at] == candidate_id
            if found and (hidden is None or not hidden[at]):
                return columns.candidates[at]
        return None

    def scores(self, need: NeedSpec) -> tuple[np.ndarray, np.ndarray]:
        """Every candidate's score (0-100, one decimal) and whether a hard constraint excludes
        them, in the order of `candidates` (the arithmetic is scoring.score()'s)."""
        scores, excluded = self._columns_scores(need)
        by_id = self._by_id()
        return scores[by_id], excluded[by_id]

    def _columns_scores(self, need: NeedSpec) -> tuple[np.ndarray, np.ndarray]:
        """Scores and exclusions of every column: the base's, then the overlay's."""
        scores, excluded = self.base.scores(need)
        if len(self.overlay):
            more, out = self.overlay.scores(need)
            scores, excluded = np.concatenate([scores, more]), np.concatenate([excluded, out])
        return scores, excluded

    def _live(self) -> np.ndarray:
        """Which columns hold a candidate of the pool (the base's hidden ones do not)."""
        if not len(self.overlay):
            return ~self.hidden
        return np.concatenate([~self.hidden, np.ones(len(self.overlay), dtype=bool)])

    def _by_id(self) -> np.ndarray:
        """The live columns in id order."""
        live = np.flatnonzero(self._live())
        return live[np.argsort(self.order[live])]

    def _column(self, i: int) -> Candidate:
        n = len(self.base)
        return self.base.candidates[i] if i < n else self.overlay.candidates[i - n]

    def rank(
        self, need: NeedSpec, top: int | None = None, max_excluded: int | None = None
    ) -> Ranking:
        """Candidates for a need, best first (ties by id), and the excluded ones apart.

        Only the `top` candidates and `max_excluded` excluded ones (both None = all) are explained,
        through score(); `excluded_count` always counts every excluded candidate.
        """
        selected = self._select(need, top, max_excluded)
        with _cyclic_gc_paused():
            return self._explain(need, *selected)

    def rank_all(
        self,
        needs: Iterable[NeedSpec],
        top: int | None = None,
        max_excluded: int | None = None,
        workers: int | None = None,
    ) -> list[Ranking]:
        """rank() for each need, in the given order.

        The NumPy part runs on `workers` threads (default: every core); the explanations, plain
        Python, are built afterwards on this thread.
        """
        needs = list(needs)
        with ThreadPoolExecutor(workers or os.cpu_count() or 1) as executor:
            selected = list(executor.map(lambda n: self._select(n, top, max_excluded), needs))
        with _cyclic_gc_paused():
            return [
                self._explain(need, *picked) for need, picked in zip(needs, selected, strict=True)
            ]

    def _select(
        self, need: NeedSpec, top: int | None, max_excluded: int | None
    ) -> tuple[np.ndarray, np.ndarray, int]:
        """Which candidates and excluded candidates to list, in order; how many are excluded."""
        scores, excluded = self._columns_scores(need)
        # one integer key orders by score (high first), then by id (each column's place in order)
        keys = (1000 - np.rint(scores * 10).astype(np.int64)) * len(self.order) + self.order
        live = self._live()
        candidates, out = live & ~excluded, live & excluded
        return _best(keys, candidates, top), _best(keys, out, max_excluded), int(out.sum())

    def _explain(
        self, need: NeedSpec, chosen: np.ndarray, excluded: np.ndarray, excluded_count: int
    ) -> Ranking:
        def results(indices: np.ndarray) -> list[Result]:
            return [score(self._column(i), need, self.weights) for i in indices.tolist()]

        return Ranking(need.id, results(chosen), results(excluded), excluded_count)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while explanations are built.

    Thousands of new result objects trigger full collections that walk every candidate in the
    pool (more than half the ranking time at 100,000 candidates); results form no cycles, so
    reference counting still frees them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _best(keys: np.ndarray, mask: np.ndarray, limit: int | None) -> np.ndarray:
    """Indices where `mask` holds, ordered by key, at most `limit` of them."""
    chosen = np.flatnonzero(mask)
    if limit is not None and limit < len(chosen):
        chosen = chosen[np.argpartition(keys[chosen], limit)[:limit]] if limit > 0 else chosen[:0]
    return chosen[np.argsort(keys[chosen])]


def rank_needs_for(
    candidate: Candidate,
    needs: Sequence[NeedSpec],
    top: int | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[tuple[str, Result]]:
    """The needs a candidate is not excluded from, best score first (ties by need id)."""
    results = [(need.id, score(candidate, need, weights)) for need in needs]
    fitting = sorted((r for r in results if not r[1].excluded), key=lambda r: (-r[1].score, r[0]))
    return fitting[:top] if top is not None else fitting
