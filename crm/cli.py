"""The flask CLI commands; each one only calls services and commits once."""

import click
from flask.cli import with_appcontext

from crm.auth import services as auth_services
from crm.auth.models import Role
from crm.extensions import db


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
    """Create a staff or branch account with a confirmed e-mail address."""
    if auth_services.find_user_by_email(email) is not None:
        raise click.ClickException("A user with that e-mail address exists already.")
    if len(password) < 10:
        raise click.ClickException("Use a password of at least 10 characters.")
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

    from crm.demo.loader import database_is_empty, load_demo_data

    if not database_is_empty():
        if if_empty:
            click.echo("The database holds data already; no demo data loaded.")
            return
        raise click.ClickException(
            "The database is not empty. Demo data is loaded into an empty database only."
        )
    started = time.perf_counter()
    counts = load_demo_data(volunteers=volunteers, seed=seed, today=date.today())
    db.session.commit()
    elapsed = time.perf_counter() - started
    click.echo(f"Demo data loaded in {elapsed:.1f} s:")
    for name, count in counts.items():
        click.echo(f"  {count:>9,} {name}")
    click.echo("Demo accounts (password demo-password-2026): konsulent@, admin@, afdeling@ and")
    click.echo("frivillig@example.org.")


commands = [create_user, demo_data]
