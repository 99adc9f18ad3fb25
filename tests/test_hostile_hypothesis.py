"""Hypothesis draws hostile values for every field and query parameter of every route, as every
role: never a server error.

The walk of tests/hostile_walk.py finds the targets (each URL of each rule in app.url_map as each
role, with the names the view reads and the body its form sends unchanged); for each, Hypothesis
draws bodies from the strategies below: either one field hostile and the others as the page
filled them in, or every field hostile or unchanged. A value is very long text, NUL and control
characters, astral characters and emoji, lone surrogates and bytes that are not UTF-8, HTML and
SQL fragments, a number where text is expected or text where a number or date is, huge and
negative numbers, odd dates, nothing at all, or several values where one is expected. The
same values go in place of every URL argument (ids, tokens, profile steps). Derandomised with
a bounded number of examples, so CI sees the same values every run.
"""

import os
import re
from dataclasses import replace

from flask import got_request_exception
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky

from tests.hostile_walk import (
    LAST,
    ROLES,
    RecordingRequest,
    Target,
    Walk,
    encode_pairs,
    walked_rules,
)

REACHED_EXAMPLES = int(os.environ.get("CRM_HOSTILE_EXAMPLES", "10"))
"""Bodies drawn for a rule the role gets into, shared by its URLs (every profile step, every
kind of token), at least MIN_EXAMPLES each. CI keeps the default (about a minute); set
CRM_HOSTILE_EXAMPLES=200 for a long search before a release."""
MIN_EXAMPLES = 2
REFUSED_EXAMPLES = 2
"""Bodies drawn for a rule the access check turns away (its answer does not read the body)."""
PATH_EXAMPLES = 3
"""URLs drawn for a rule with arguments (ids, tokens, steps), hostile values in their place."""

FRAGMENTS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% raw %}",
    "javascript:alert(1)",
    "<!--",
    "&#0;&amp",
    "' OR 1=1 --",
    "'; DROP TABLE volunteer; --",
    "\\",
    "%_%",
    "1; SELECT pg_sleep(1)",
    "' UNION SELECT NULL, NULL --",
    "../../etc/passwd",
    "//evil.example/",
    "http://evil.example",
    "/\\evil.example",
    "{first_name}{0}{!r}",
    "%s%n%x",
)
ODD_NUMBERS = (
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "1e309",
    "NaN",
    "-inf",
    "-0",
    "0x10",
    "1_000",
    "+1",
    " 1 ",
    "²",
    "٣",
    "1,5",
)
ODD_DATES = (
    "2026-02-30",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-0001-01-01",
    "2026-13-01",
    "31/12/2026",
    "2026-12-24T25:61",
    "1700000000",
)
LENGTHS = (256, 1_001, 5_000, 100_000)

short = st.text(max_size=12)
control = st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Co"]), min_size=1, max_size=4)
astral = st.text(st.characters(min_codepoint=0x10000), min_size=1, max_size=4) | st.sampled_from(
    ["😀", "🇩🇰", "👩🏽‍🚀", "\U0010ffff", "e\u0301\u0301\u0301"]
)
surrogate = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)
"""Sent as the bytes UTF-8 would give a lone surrogate (tests.hostile_walk.encode_pairs)."""

hostile_value = st.one_of(
    st.just(""),
    st.sampled_from([" ", "\t", "\u00a0", "\u3000", "\ufeff"]),
    short,
    st.tuples(short, control, short).map("".join),
    st.tuples(short, astral, short).map("".join),
    st.tuples(short, surrogate).map("".join),
    st.binary(min_size=1, max_size=8),
    st.tuples(st.text(min_size=1, max_size=3), st.sampled_from(LENGTHS)).map(
        lambda pair: (pair[0] * pair[1])[: pair[1]]
    ),
    st.sampled_from(FRAGMENTS),
    st.integers().map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(repr),
    st.sampled_from(ODD_NUMBERS),
    st.dates().map(str),
    st.sampled_from(ODD_DATES),
)
"""One value of a field: anything a browser, a script or an attacker could send."""

single = hostile_value.map(lambda value: [value])
values = single | single | st.just([]) | st.lists(hostile_value, min_size=2, max_size=3)
"""A field's values: mostly one, else none (the field left out) or several where one is
expected."""


Sent = tuple[str, list[tuple[str, str | bytes]]]
"""A URL and the name/value pairs of its query string or form body."""


def bodies(target: Target) -> st.SearchStrategy[Sent]:
    """The target's URL with name/value pairs: one field hostile, or each field hostile or
    unchanged."""
    names = target.names or ["q"]
    unchanged = {name: [v for n, v in target.defaults if n == name] for name in names}

    def pairs(chosen: dict[str, list]) -> list[tuple[str, str | bytes]]:
        return [(name, value) for name in names for value in chosen[name]]

    one = st.sampled_from(names).flatmap(
        lambda name: values.map(lambda vs: pairs({**unchanged, name: vs}))
    )
    each = st.fixed_dictionaries({name: st.just(unchanged[name]) | values for name in names}).map(
        pairs
    )
    return (one | each).map(lambda drawn: (target.url, drawn))


def paths(rule) -> st.SearchStrategy[Sent]:
    """The rule's URL with a hostile value in place of each argument, and no query or body."""

    def url(arguments: dict) -> str:
        return re.sub(
            r"<(?:[^:<>]+:)?([^<>]+)>",
            lambda m: encode_pairs([("", arguments[m[1]])])[1:],
            rule.rule,
        )

    return st.fixed_dictionaries({name: hostile_value for name in rule.arguments}).map(
        lambda arguments: (url(arguments), [])
    )


def budget(targets: list[Target]) -> list[tuple[Target, int]]:
    """How many bodies to draw for each target: a rule's reached URLs share REACHED_EXAMPLES,
    and only its first refused URL is tried when none is reached."""
    by_rule: dict[tuple[str, str], list[Target]] = {}
    for target in targets:
        by_rule.setdefault((target.method, target.endpoint), []).append(target)
    plan = []
    for group in by_rule.values():
        reached = [t for t in group if t.reached]
        each = max(MIN_EXAMPLES, REACHED_EXAMPLES // max(len(reached), 1))
        plan += [(t, each) for t in reached] or [(group[0], REFUSED_EXAMPLES)]
    return plan


def fuzz(walk: Walk, target: Target, examples: int, drawn: st.SearchStrategy[Sent]) -> None:
    """Send what is drawn; the first answer that is a server error fails with what was sent."""
    unchanged = set(target.defaults)

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(sent=drawn)
    def send(sent):
        url, pairs = sent
        if target.endpoint in LAST:
            walk.login()  # the last body may have logged the role out
        response = walk.send_pairs(replace(target, url=url), pairs)
        if problem := walk.problem(response):
            changed = [pair for pair in pairs if pair not in unchanged] or pairs
            raise AssertionError(
                f"{walk.role} {target.method} {url[:200]} with {changed!r:.300}: {problem}"
            )

    send()


def first_target(targets: list[Target], rule) -> Target:
    """The rule's first target, whose method its drawn URLs are sent with."""
    return next(t for t in targets if t.endpoint == rule.endpoint)


def test_no_drawn_hostile_value_gives_a_server_error(app, client, auth, hostile_world, monkeypatch):
    monkeypatch.setattr(app, "request_class", RecordingRequest)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    walk = Walk(app, client, auth, hostile_world)
    rules = walked_rules(app)
    failures: list[str] = []
    with got_request_exception.connected_to(walk.record, app):
        for role, email in ROLES:
            walk.as_role(role, email)
            targets = [
                walk.learn_get(rule, url)
                for rule in rules
                if "GET" in rule.methods
                for url in walk.urls(rule)
            ]
            for rule in sorted(rules, key=lambda r: r.endpoint in LAST):
                if "POST" in rule.methods:
                    for url in walk.urls(rule):
                        walk.login()
                        targets.append(walk.learn_post(rule, url)[0])
            plan = [(t, n, bodies(t)) for t, n in budget(targets)]
            plan += [
                (first_target(targets, rule), PATH_EXAMPLES, paths(rule))
                for rule in rules
                if rule.arguments
            ]
            for target, examples, drawn in sorted(plan, key=lambda p: p[0].endpoint in LAST):
                walk.login()
                try:
                    fuzz(walk, target, examples, drawn)
                except (AssertionError, Flaky) as failure:
                    failures.append(str(failure).splitlines()[0])
    assert not failures, "\n".join(failures)
    assert not walk.failures, "\n".join(walk.failures)  # the probes of the walk itself
