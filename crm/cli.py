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


commands = [create_user]
