"""The tables benchmarks/load.py prints."""

import os

from load_http import Sample

PUBLIC_TARGET = 0.20  # public pages at least 20 % of hello-world
P95_TARGET_MS = 200.0


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0–100) by linear interpolation; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def print_reads(rows: list, connections: int, seconds: float) -> None:
    """Each page's throughput and its share of hello-world's."""
    hello = rows[0][2].per_second
    print(f"\nRead test: {connections} connections, {seconds:.0f} s per page")
    print(f"{'page':<22} {'req/s':>8} {'share':>7} {'errors':>7} {'client CPU':>11}")
    for name, _path, result in rows:
        share = result.per_second / hello if hello else 0.0
        cpu = result.client_cpu / result.seconds if result.seconds else 0.0
        print(f"{name:<22} {result.per_second:8.1f} {share:7.1%} {result.errors:7d} {cpu:11.0%}")
    print("(client CPU: the load generator's own CPU time over the wall time, of one core)")


def print_mixed(name, samples: list[Sample], ledger, checks, wall, cpu, drained, args) -> dict:
    """The mixed load's figures, per request kind and in total; returns the summary row."""
    times = [s.ms for s in samples]
    errors_5xx = sum(1 for s in samples if s.status >= 500)
    think = f"{args.think[0]:g}–{args.think[1]:g} s"
    print(f"\nMixed load: {args.users} users for {wall:.1f} s, think time {think}")
    print(f"{'request':<32} {'count':>6} {'p50':>7} {'p95':>7} {'max':>7} {'5xx':>4}")
    labels = sorted({s.label for s in samples})
    for label in labels:
        own = [s for s in samples if s.label == label]
        ms = [s.ms for s in own]
        bad = sum(1 for s in own if s.status >= 500)
        print(
            f"{label:<32} {len(own):6d} {percentile(ms, 50):7.1f} {percentile(ms, 95):7.1f} "
            f"{max(ms):7.1f} {bad:4d}"
        )
    row = {
        "name": name,
        "requests": len(samples),
        "rps": len(samples) / wall if wall else 0.0,
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
        "5xx": errors_5xx,
        "lost": sum(c.missing for c in checks["checks"]),
        "emails_asked": checks["emails_asked"],
        "emails_sent": checks["emails_sent"],
        "emails_twice": checks["emails_twice"],
        "ours_missing": checks["ours_asked"] - checks["ours_sent"],
    }
    print(
        f"\nTotal: {row['requests']} requests, {row['rps']:.1f} req/s, p50 {row['p50']:.1f} ms, "
        f"p95 {row['p95']:.1f} ms, p99 {row['p99']:.1f} ms, 5xx {errors_5xx}"
    )
    print(f"Load generator CPU: {cpu / wall:.0%} of one core over the run")
    print(f"\n{'write':<34} {'answered ok':>11} {'missing':>8}")
    for check in checks["checks"]:
        print(f"{check.name:<34} {check.answered:11d} {check.missing:8d}")
    print(f"refused as stale/conflict (409 or said so): {dict(ledger.refused) or 'none'}")
    print(f"unexpected answers: {dict(ledger.failed) or 'none'}")
    print(
        f"E-mails: asked for {row['emails_asked']} (outbox rows of the run: "
        f"{checks['emails_kinds'] or 'none'}), sent {row['emails_sent']}, "
        f"sent twice {checks['emails_twice']}; the SMTP server received "
        f"{checks['emails_total']} in all; waited {drained:.1f} s for the outbox"
    )
    print(
        f"  of which this run's confirmations and shortlist e-mails: asked for "
        f"{checks['ours_asked']}, received {checks['ours_sent']}"
    )
    return row


def print_summary(rows: list[dict]) -> bool:
    """One line per database against the targets; True when anything failed."""
    load = os.getloadavg()
    print(f"\n=== Summary (load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}) ===")
    print(
        f"{'database':<11} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'5xx':>4} "
        f"{'lost':>5} {'e-mails sent/asked':>19}  front / project page share"
    )
    failed = False
    for row in rows:
        shares = {name: r.per_second for name, _path, r in row["reads"]}
        hello = shares.get("hello-world") or 1.0
        front = shares.get("public front page", 0.0) / hello
        project = shares.get("public project page", 0.0) / hello
        print(
            f"{row['name']:<11} {row['rps']:7.1f} {row['p50']:7.1f} {row['p95']:7.1f} "
            f"{row['p99']:7.1f} {row['5xx']:4d} {row['lost']:5d} "
            f"{row['emails_sent']:>9}/{row['emails_asked']:<9}  {front:.1%} / {project:.1%}"
        )
        failed |= bool(
            row["5xx"]
            or row["lost"]
            or row["emails_sent"] != row["emails_asked"]
            or row["emails_twice"]
            or row["ours_missing"]
        )
        misses = []
        if row["p95"] >= P95_TARGET_MS:
            misses.append(f"p95 {row['p95']:.0f} ms ≥ {P95_TARGET_MS:.0f} ms")
        if not row["reads"]:
            misses.append("no read test")
        elif min(front, project) < PUBLIC_TARGET:
            misses.append(f"a public page below {PUBLIC_TARGET:.0%} of hello-world")
        print(f"{'':<11} targets: {'; '.join(misses) if misses else 'met'}")
    return failed
