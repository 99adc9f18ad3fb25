"""The create-user command for staff and branch accounts."""

from sqlalchemy import select

from crm.auth.models import Role, User


def test_create_consultant_account(runner, db, auth):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "Ny@Example.org",
            "--role",
            "consultant",
            "--password",
            "a long enough password",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "ny@example.org"))
    assert user.role == Role.CONSULTANT and user.email_confirmed_at is not None
    assert auth.login("ny@example.org", "a long enough password").headers["Location"] == (
        "/consultant/"
    )


def test_create_user_refuses_duplicates_and_short_passwords(runner, db, make_user):
    make_user(email="findes@example.org")
    duplicate = runner.invoke(
        args=["create-user", "--email", "findes@example.org", "--password", "long enough pw"]
    )
    short = runner.invoke(args=["create-user", "--email", "kort@example.org", "--password", "x"])
    assert duplicate.exit_code != 0 and "exists" in duplicate.output
    assert short.exit_code != 0 and "10 characters" in short.output


def test_branch_contact_needs_a_branch(runner, db, make_branch):
    branch = make_branch()
    missing = runner.invoke(
        args=[
            "create-user",
            "--email",
            "a@example.org",
            "--role",
            "branch_contact",
            "--password",
            "long enough pw",
        ]
    )
    assert missing.exit_code != 0
    ok = runner.invoke(
        args=[
            "create-user",
            "--email",
            "a@example.org",
            "--role",
            "branch_contact",
            "--branch-id",
            str(branch.id),
            "--password",
            "long enough pw",
        ]
    )
    assert ok.exit_code == 0, ok.output


def test_create_user_refuses_a_common_password(runner, db):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "admin2@example.org",
            "--role",
            "admin",
            "--password",
            "password1234",
        ]
    )
    assert result.exit_code != 0 and "too easy to guess" in result.output
    assert db.session.scalar(select(User).where(User.email == "admin2@example.org")) is None
