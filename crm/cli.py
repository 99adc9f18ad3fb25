"""The flask CLI commands; each one only calls services and commits once."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from crm import backup as backup_service
from crm.auth import services as auth_services
from crm.auth.models import Role
from crm.auth.passwords import guess_words, is_strong_enough
from crm.extensions import db
from crm.public.cache import public_pages_changed


@click.command("create-user")
@click.option("--email", prompt=True, help="The login e-mail address.")
@click.option("--name", default="", help="The name shown to colleagues.")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.CONSULTANT.value,
    show_default=True,
)
@click.option("--branch-id", type=int, default=None, help="The branch of a branch contact.")
@click.password_option(help="Prompted for when not given.")
@with_appcontext
def create_user(email: str, name: str, role: str, branch_id: int | None, password: str) -> None:
    """Create an account with a confirmed e-mail address: for the very first admin, who then
    invites every other member of staff at /admin/staff (branch contacts at their branch)."""
    if auth_services.find_user_by_email(email) is not None:
        raise click.ClickException("A user with that e-mail address exists already.")
    if len(password) < 10 or not is_strong_enough(password, guess_words(email, name)):
        raise click.ClickException(
            "That password is too easy to guess: use at least 10 characters, e.g. a few "
            "unrelated words, and nothing from the name or address."
        )
    if (role == Role.BRANCH_CONTACT) != (branch_id is not None):
        raise click.ClickException("--branch-id is needed for, and only for, a branch contact.")
    user = auth_services.create_user(email, password, Role(role), name=name, branch_id=branch_id)
    auth_services.confirm_email(user)
    db.session.commit()
    click.echo(f"Created {role} account #{user.id}.")


@click.command("demo-data")
@click.option(
    "--volunteers",
    type=click.IntRange(0, 1_000_000),
    default=300,
    show_default=True,
    help="How many synthetic volunteers (each with about ten contact log entries).",
)
@click.option("--if-empty", is_flag=True, help="Do nothing when the database holds data already.")
@click.option("--seed", type=int, default=2026, show_default=True, help="Seed for the randomness.")
@with_appcontext
def demo_data(volunteers: int, if_empty: bool, seed: int) -> None:
    """Load synthetic demo data (projects, branches, volunteers, demo accounts) into an empty DB."""
    import time
    from datetime import date

    from crm.demo.loader import database_is_empty, load_demo_data, load_demo_pipeline

    if not database_is_empty():
        if if_empty:
            click.echo("The database holds data already; no demo data loaded.")
            return
        raise click.ClickException(
            "The database is not empty. Demo data is loaded into an empty database only."
        )
    started = time.perf_counter()
    today = date.today()
    counts = load_demo_data(volunteers=volunteers, seed=seed, today=today)
    db.session.commit()
    elapsed = time.perf_counter() - started
    click.echo(f"Demo data loaded in {elapsed:.1f} s:")
    for name, count in counts.items():
        click.echo(f"  {count:>9,} {name}")
    click.echo("Demo accounts (password demo-password-2026): konsulent@, admin@, afdeling@ and")
    click.echo("frivillig@example.org.")
    from crm.matches.refresh import rematch_all

    report = rematch_all()  # demo volunteers get their text skills and stored matches
    db.session.commit()
    echo_rematch(report)
    started = time.perf_counter()
    moved = load_demo_pipeline(seed=seed, today=today)
    db.session.commit()
    elapsed = time.perf_counter() - started
    click.echo(
        f"{moved:,} matches moved along the pipeline by the demo consultant in {elapsed:.1f} s."
    )


def echo_rematch(report) -> None:
    """Print a rematch report: counts and seconds, never personal data."""
    total = sum(report.seconds.values())
    click.echo(
        f"Rematched {report.needs:,} open needs against {report.volunteers:,} consented "
        f"volunteers in {total:.1f} s:"
    )
    written = report.written
    click.echo(f"  {report.text_skills:>9,} skills read from free text")
    click.echo(f"  {written.inserted:>9,} matches inserted")
    click.echo(f"  {written.updated:>9,} matches re-scored")
    click.echo(f"  {written.deleted + report.cleared:>9,} matches removed")
    phases = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in report.seconds.items())
    click.echo(f"  ({phases})")


@click.command("rematch")
@click.option(
    "--skip-text-skills",
    is_flag=True,
    help="Do not re-read skills from the volunteers' free text first.",
)
@with_appcontext
def rematch(skip_text_skills: bool) -> None:
    """Re-score every open need against every consented volunteer and store the best matches."""
    from crm.matches.refresh import rematch_all

    report = rematch_all(derive_skills=not skip_text_skills)
    db.session.commit()
    echo_rematch(report)


@click.command("retention")
@click.option("--dry-run", is_flag=True, help="List what would be done; change nothing.")
@with_appcontext
def retention(dry_run: bool) -> None:
    """Remind inactive volunteers, erase those who ignored the reminder, prune old logs.

    Lists ids and dates only, never names (see crm/rights/retention.py).
    """
    from flask import current_app

    from crm.database import utcnow
    from crm.rights.retention import run

    base_url = current_app.config["BASE_URL"] or "http://localhost"
    with current_app.test_request_context(base_url=base_url):  # for the links in the e-mails
        done = run(utcnow(), dry_run=dry_run)
        db.session.commit()
    prefix = "would " if dry_run else ""
    for verb, rows in (("remind", done.remind), ("keep", done.saved), ("erase", done.erase)):
        click.echo(f"{prefix}{verb}: {len(rows)}")
        for due in rows:
            reminded = due.reminded_at.date().isoformat() if due.reminded_at else "-"
            click.echo(
                f"  volunteer {due.volunteer_id}  last active {due.last_active.date().isoformat()}"
                f"  reminded {reminded}"
            )
    click.echo(f"{prefix}delete audit events: {done.audit_events}")
    click.echo(f"{prefix}delete login sessions: {done.sessions}")
    click.echo(f"{prefix}drop uploads never imported: {done.uploads}")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup(path: Path) -> None:
    """Copy the whole database to a new file PATH (safe while the app runs)."""
    try:
        result = backup_service.backup(path)
    except backup_service.BackupError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Backed up the {result.database} database: {result.size_bytes:,} bytes.")
    click.echo("The file holds personal data: keep it encrypted and access-controlled.")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the data without asking first.")
@with_appcontext
def restore(path: Path, yes: bool) -> None:
    """Replace every row of the database with those of the backup PATH (stop the app first)."""
    if not yes:
        click.confirm(
            "This replaces all data in the database with the backup's. Continue?", abort=True
        )
    try:
        result = backup_service.restore(path)
    except backup_service.BackupError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    public_pages_changed()  # the restored projects replace the cached pages in every process
    click.echo(f"Restored the {result.database} database from the backup.")
    if result.erased_again:
        click.echo(f"Erased again {result.erased_again} people erased after the backup was made.")
    click.echo("Run `flask --app crm db upgrade` if the backup is from an older version.")


@click.command("worker")
@click.option("--threads", default=2, show_default=True, help="Jobs run at the same time.")
@with_appcontext
def worker(threads: int) -> None:
    """Run the background worker: sends the outbox and runs the scheduled jobs (one per site)."""
    from flask import current_app

    from crm.jobs.queue import huey

    if current_app.config["QUEUE_IMMEDIATE"]:
        raise click.ClickException("QUEUE_IMMEDIATE is on: jobs run in the web process already.")
    huey.use_storage_of(current_app)
    click.echo(f"Worker on {type(huey.storage).__name__} (QUEUE_URL), {threads} threads")
    huey.create_consumer(workers=threads, worker_type="thread", periodic=True).run()


@click.command("send-outbox")
@with_appcontext
def send_outbox() -> None:
    """Send every e-mail in the outbox that is due now, without a worker (counts only)."""
    from crm.outbox.delivery import deliver_due

    sweep = deliver_due()
    click.echo(
        f"sent {sweep.sent}, retrying {sweep.retrying}, failed {sweep.failed}, "
        f"taken back {sweep.taken_back}"
    )


def _markdown_table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """Lines of a Markdown table with padded columns (those in `right` right-aligned)."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        padded = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if i in right else "-" * (w + 2) for i, w in enumerate(widths)
        )
        + "|"
    )
    return [line(header), rule, *(line(r) for r in rows)]


@click.command("reason-figures")
@click.option("--locale", default="en", show_default=True, help="Language of the labels.")
@with_appcontext
def reason_figures(locale: str) -> None:
    """Print how often each exit reason was given, and the score factors of placed matches
    beside declined and not suitable ones (docs/matching.md), as Markdown tables."""
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from crm.matches import reason_figures as figures
    from crm.matches.labels import (
        NO_EXIT_REASON_LABEL,
        exit_reason_label,
        factor_group_label,
        state_label,
    )

    with force_locale(locale):
        reasons = figures.reason_counts()
        states = [str(s) for s in figures.EXIT_STATES]
        rows = [
            [exit_reason_label(r.code) or str(NO_EXIT_REASON_LABEL)]
            + [str(r.counts[s]) for s in states]
            + [str(r.total), f"{reasons.share(r):.0f} %"]
            for r in reasons.rows
        ]
        header = [_("Reason"), *(state_label(s) for s in states), _("Total"), _("Share")]
        click.echo("\n".join(_markdown_table(header, rows, {1, 2, 3, 4})))
        click.echo()
        factors = figures.factor_averages()

        def cell(row: figures.FactorAverage, outcome: str) -> str:
            if outcome not in row.points:
                return "–"
            share = row.share(outcome)
            text = f"{row.points[outcome]:.1f} of {row.max_points[outcome]:.1f}"
            return text + (f" ({share:.0f} %)" if share is not None else "")

        header = [
            _("Factor"),
            _("Placed or completed (%(num)d)", num=factors.matches[figures.PLACED]),
            _("Declined or not suitable (%(num)d)", num=factors.matches[figures.EXITED]),
        ]
        rows = [
            [factor_group_label(r.group), cell(r, figures.PLACED), cell(r, figures.EXITED)]
            for r in factors.rows
        ]
        click.echo("\n".join(_markdown_table(header, rows, set())))


@click.command("find-duplicates")
@with_appcontext
def find_duplicates() -> None:
    """Queue the possible duplicates among all volunteers for review (counts only)."""
    import time

    from crm.duplicates.scan import scan_all

    started = time.perf_counter()
    found = scan_all()
    db.session.commit()
    click.echo(f"{found} new possible duplicates in {time.perf_counter() - started:.1f} s")


commands = [
    create_user,
    demo_data,
    rematch,
    retention,
    backup,
    restore,
    worker,
    send_outbox,
    reason_figures,
    find_duplicates,
]
