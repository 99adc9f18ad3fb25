"""Benchmark the matching engine on a seeded synthetic pool: `python benchmarks/bench_matching.py`.

Times are the best of a few runs. Each figure comes with a naive per-pair Python baseline run in
the same process; baselines that would take minutes run on a sample and are extrapolated (labelled).
"""

import argparse
import os
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from rapidfuzz import fuzz  # noqa: E402

from crm.matching import (  # noqa: E402
    LANGUAGE_LEVELS,
    TRAVEL_MODES,
    Availability,
    Candidate,
    CandidatePool,
    Language,
    LanguageRequirement,
    NeedSpec,
    Skill,
    SkillRequirement,
    load_taxonomy,
    score,
)
from crm.matching.normalise import Normaliser, fold  # noqa: E402

AREAS = load_taxonomy().slugs
COUNTRIES = (
    "KE",
    "TZ",
    "UG",
    "RW",
    "MK",
    "BA",
    "RS",
    "AL",
    "TH",
    "MY",
    "PH",
    "MM",
    "NP",
    "IN",
    "MN",
    "DK",
    "SE",
    "DE",
    "GH",
    "ZA",
)
CODES = ("en", "da", "fr", "sw", "es", "ru", "th", "ne", "de", "ar")
PHRASES = (
    "har siddet i byrådet i {n} år",
    "kampagneleder ved kommunalvalget",
    "kandidatskole for kvinder",
    "medlemshvervning i lokalafdelingen",
    "undervist i {n} år",
    "vindmøller og solceller",
    "fondsansøgninger til CISU",
    "tillidsrepræsentant i 3F",
    "aktiv i DSU",
    "klimapolitik",
    "projektleder på et Danida-projekt",
    "sociale medier og pressearbejde",
    "folkemødet",
    "trained women candidates",
    "trade union organiser for {n} years",
    "human rights work",
    "policy papers on welfare",
    "election campaigns in Kenya",
    "grant writing",
    "youth wing",
    "strikning",
    "I like cooking",
    "jeg har en hund",
    "fodbold om tirsdagen",
    "data analysis",
)
SENTENCES = (
    "Jeg har været formand for {p} i {n} år.",
    "Har lidt erfaring med {p} og {q}.",
    "I have chaired {p} since {year}, and I am interested in {q}.",
    "Interesseret i {p}, men har ingen erfaring med {q}.",
    "Some experience with {p}; would like to learn more about {q}.",
    "Koordinator for {p} ({year}-{end}), bl.a. {q}.",
    "Mange års erfaring med {p}. Vil gerne lære om {q}.",
    "I led {p} for {n} years and worked on {q}.",
)
"""Profile-like sentences with level and years cues, filled with PHRASES."""


def candidates(rng: random.Random, count: int) -> list[Candidate]:
    """A seeded pool of volunteers, some with gaps in their data."""
    pool = []
    for i in range(count):
        skills = [Skill(a, rng.randint(1, 4)) for a in rng.sample(AREAS, rng.randint(0, 4))]
        skills += [
            Skill(rng.choice(AREAS), rng.randint(1, 4), round(rng.uniform(0.86, 1), 3), "text")
            for _ in range(rng.randint(0, 2))
        ]
        languages = [
            Language(code, rng.choice(LANGUAGE_LEVELS))
            for code in rng.sample(CODES, rng.randint(0, 3))
        ]
        availability = None
        if rng.random() < 0.85:
            start = date(2027, 1, 1) + timedelta(days=rng.randint(0, 500))
            availability = Availability(
                start,
                start + timedelta(days=rng.randint(30, 700)),
                rng.randint(2, 40),
                rng.choice(TRAVEL_MODES),
            )
        pool.append(
            Candidate(
                f"v{i:06d}",
                tuple(skills),
                tuple(languages),
                frozenset(rng.sample(COUNTRIES, rng.randint(0, 3))),
                availability,
            )
        )
    return pool


def needs(rng: random.Random, count: int) -> list[NeedSpec]:
    """Seeded needs asking for 1-3 skills, a language, a country, a period, hours and travel."""
    result = []
    for i in range(count):
        start = date(2027, 1, 1) + timedelta(days=rng.randint(0, 400))
        result.append(
            NeedSpec(
                id=f"n{i:03d}",
                skills=tuple(
                    SkillRequirement(a, rng.randint(1, 4), rng.choice((1.0, 2.0, 3.0)))
                    for a in rng.sample(AREAS, rng.randint(1, 3))
                ),
                languages=(
                    LanguageRequirement("en", rng.choice(("B1", "B2")), rng.random() < 0.5),
                ),
                countries=frozenset(rng.sample(COUNTRIES, 1)),
                start=start,
                end=start + timedelta(days=rng.randint(14, 200)),
                hours_per_month=rng.randint(4, 30),
                travel=rng.choice(TRAVEL_MODES),
            )
        )
    return result


def texts(rng: random.Random, count: int) -> list[str]:
    """Free texts built from phrases, with a typo in about a third of them."""
    result = []
    for _ in range(count):
        text = " og ".join(p.format(n=rng.randint(2, 12)) for p in rng.sample(PHRASES, 2))
        if rng.random() < 0.35:
            cut = rng.randrange(len(text))
            text = text[:cut] + text[cut + 1 :]
        result.append(text)
    return result


def paragraphs(rng: random.Random, count: int) -> list[str]:
    """Profile paragraphs of 2-4 cue-bearing sentences, the length volunteers write."""
    result = []
    for _ in range(count):
        sentences = []
        for template in rng.sample(SENTENCES, rng.randint(2, 4)):
            p, q = (phrase.format(n=rng.randint(2, 12)) for phrase in rng.sample(PHRASES, 2))
            year = rng.randint(1995, 2024)
            sentences.append(
                template.format(p=p, q=q, n=rng.randint(1, 15), year=year, end=year + 4)
            )
        result.append(" ".join(sentences))
    return result


def timed(action, repeat: int = 1) -> float:
    """Best wall-clock seconds of `repeat` runs."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def cpu_timed(action) -> float:
    """CPU seconds of this process (all threads) for one run."""
    started = time.process_time()
    action()
    return time.process_time() - started


def naive_normalise(phrases: dict[str, str], text: str) -> set[str]:
    """Baseline: every word group against every known phrase with fuzz.ratio, one pair at a time."""
    words = fold(text).split()
    found = set()
    for n in range(1, 4):
        for i in range(len(words) - n + 1):
            gram = " ".join(words[i : i + n])
            for phrase, area in phrases.items():
                if fuzz.ratio(gram, phrase) >= 90:
                    found.add(area)
    return found


def report(name: str, seconds: float, target: float | None, baseline: float, label: str) -> None:
    goal = ""
    if target is not None:
        goal = f" (target < {target * 1000:g} ms: {'met' if seconds < target else 'MISSED'})"
    print(
        f"{name}: {seconds * 1000:,.1f} ms{goal}; naive per-pair Python "
        f"{label}: {baseline:,.2f} s, {baseline / seconds:,.0f}x slower"
    )


def main() -> int:
    """Run every benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=200)
    parser.add_argument("--texts", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(2027)
    people, wanted = candidates(rng, args.candidates), needs(rng, args.needs)
    print(
        f"{len(people):,} candidates, {len(wanted)} needs, {args.texts:,} texts "
        f"(seeded; Python {sys.version.split()[0]})"
    )

    pool = CandidatePool.from_candidates(people)
    build = timed(lambda: CandidatePool.from_candidates(people))
    arrays = sum(v.nbytes for v in vars(pool).values() if hasattr(v, "nbytes"))
    print(f"pool precompute: {build:.2f} s once, arrays {arrays / 2**20:.1f} MiB")

    sample = people[:2_000]
    per_pair = timed(lambda: [score(c, n) for n in wanted[:5] for c in sample]) / (5 * len(sample))
    full = timed(lambda: pool.rank_all(wanted, top=50, max_excluded=50), repeat=3)
    report(
        f"rank all {len(people):,} for {len(wanted)} needs (top 50 + 50 excluded explained)",
        full,
        1.0,
        per_pair * len(people) * len(wanted),
        f"extrapolated from {5 * len(sample):,} pairs",
    )
    scores_only = timed(lambda: pool.rank_all(wanted, top=0, max_excluded=0), repeat=3)
    print(
        f"  of which scoring all {len(people) * len(wanted):,} pairs, no explanations: "
        f"{scores_only * 1000:,.1f} ms (the rest explains 20,000 results)"
    )

    one = wanted[0]
    top = timed(lambda: pool.rank(one, top=50, max_excluded=50), repeat=5)
    report(
        f"top 50 for one need out of {len(people):,}",
        top,
        0.030,
        per_pair * len(people),
        "extrapolated",
    )

    phrases = {fold(p): area.slug for area in load_taxonomy().areas for p in area.synonyms}
    free = texts(rng, args.texts)
    batch = timed(lambda: Normaliser(load_taxonomy()).normalise_many(free), repeat=3)
    cpu = cpu_timed(lambda: Normaliser(load_taxonomy()).normalise_many(free))
    naive = timed(lambda: [naive_normalise(phrases, t) for t in free[:50]]) / 50
    report(
        f"normalise {len(free):,} free texts (including building the Normaliser)",
        batch,
        1.0,
        naive * len(free),
        "extrapolated from 50 texts",
    )
    print(
        f"  CPU time of one run: {cpu * 1000:,.1f} ms (steadier than wall time on a busy machine)"
    )

    long = paragraphs(rng, args.texts)
    words = sum(len(t.split()) for t in long) / len(long)
    batch = timed(lambda: Normaliser(load_taxonomy()).normalise_many(long), repeat=3)
    cpu = cpu_timed(lambda: Normaliser(load_taxonomy()).normalise_many(long))
    naive = timed(lambda: [naive_normalise(phrases, t) for t in long[:20]]) / 20
    report(
        f"normalise {len(long):,} profile paragraphs of {words:.0f} words on average",
        batch,
        None,
        naive * len(long),
        "extrapolated from 20 paragraphs",
    )
    print(f"  CPU time of one run: {cpu * 1000:,.1f} ms")

    print(f"load average while running: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process, data generation included): {peak:,.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
