"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from crm.extensions import db


def test_migrated_schema_equals_the_models(app):
    with app.app_context():
        db.drop_all()
        try:
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"compare_type": True, "render_as_batch": True}
                )
                diff = compare_metadata(context, db.metadata)
            assert diff == []
        finally:
            db.drop_all()
            db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
            db.session.commit()
            db.create_all()


def test_the_interest_signal_migration_keeps_only_the_volunteers_own_clicks(app):
    """A consultant's move to "interested" used to set interested_at too: the data step clears
    those and records the rest as the volunteer's own "asked" signal."""
    from datetime import datetime, timedelta

    text = db.text
    with app.app_context():
        db.drop_all()
        try:
            upgrade(revision="5c1e0a7d9b42")
            at = datetime(2026, 11, 1, 10, 0, 0)
            rows = [
                'INSERT INTO "user" (id, email, password_hash, role, name, active, created_at)'
                " VALUES (1, 'k@example.org', 'x', 'consultant', 'K', true, :at),"
                " (2, 'v@example.org', 'x', 'volunteer', 'V', true, :at)",
                "INSERT INTO volunteer (id, user_id, first_name, last_name, email, phone, city,"
                " share_with_branch, motivation, created_at, updated_at, version) VALUES"
                " (1, 2, 'V', 'W', 'v@example.org', '', '', false, '', :at, :at, 1)",
                "INSERT INTO project (id, title, summary, partners, danish_partners, funder,"
                " status, created_at, updated_at, version) VALUES (1, 'P', '', '', '', '',"
                " 'active', :at, :at, 1)",
                "INSERT INTO need (id, project_id, title, description, seats, status, created_at,"
                " updated_at, version) VALUES (1, 1, 'A', '', 1, 'open', :at, :at, 1),"
                " (2, 1, 'B', '', 1, 'open', :at, :at, 1)",
                "INSERT INTO match (id, need_id, volunteer_id, score, excluded, explanation,"
                " reasons, state, override, interested_at, scored_at, created_at, updated_at,"
                " version) VALUES (1, 1, 1, 50, false, '[]', '[]', 'interested', false, :at, :at,"
                " :at, :at, 1), (2, 2, 1, 50, false, '[]', '[]', 'suggested', false, :later,"
                " :at, :at, :at, 1)",
                "INSERT INTO match_transition (match_id, from_state, to_state, user_id, at, note,"
                " reason) VALUES (1, 'contacted', 'interested', 1, :at, '', '')",
            ]
            for row in rows:
                db.session.execute(text(row), {"at": at, "later": at + timedelta(days=1)})
            db.session.commit()
            upgrade()
            kept = db.session.execute(
                text("SELECT id, interested_at IS NOT NULL FROM match ORDER BY id")
            ).all()
            assert [tuple(r) for r in kept] == [(1, False), (2, True)]
            signals = db.session.execute(
                text("SELECT match_id, kind, user_id FROM interest_signal")
            ).all()
            assert [tuple(s) for s in signals] == [(2, "asked", 2)]
        finally:
            db.session.rollback()
            db.drop_all()
            db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
            db.session.commit()
            db.create_all()


def test_the_consent_record_migration_turns_consents_into_records(app):
    """A volunteer who consented gets matching and e-mail records (and branch sharing when they
    share); one without consent gets none; ids keep counting up after the tables are rebuilt,
    above every id the audit log has seen."""
    from datetime import datetime

    text = db.text
    with app.app_context():
        db.drop_all()
        try:
            upgrade(revision="e7b3625495a3")
            at = datetime(2026, 11, 1, 10, 0, 0)
            columns = (
                "INSERT INTO volunteer (id, first_name, last_name, email, phone, city,"
                " share_with_branch, motivation, consent_version, consent_at, created_at,"
                " updated_at, version) VALUES"
            )
            db.session.execute(
                text(
                    f"{columns} (1, 'A', 'B', 'a@example.org', '', '', true, '', '2026-11', :at,"
                    " :at, :at, 1), (2, 'C', 'D', 'c@example.org', '', '', false, '', NULL, NULL,"
                    " :at, :at, 1)"
                ),
                {"at": at},
            )
            db.session.execute(  # volunteer 7 was deleted before: only the audit log knows
                text(
                    "INSERT INTO audit_event (at, action, volunteer_id, details)"
                    " VALUES (:at, 'erased', 7, '{}')"
                ),
                {"at": at},
            )
            db.session.commit()
            upgrade()
            records = db.session.execute(
                text(
                    "SELECT volunteer_id, purpose, text_version, source, withdrawn_at IS NULL"
                    " FROM consent_record ORDER BY purpose"
                )
            ).all()
            assert [tuple(r) for r in records] == [
                (1, "branch_sharing", "2026-11", "self_registration", True),
                (1, "consultant_email", "2026-11", "self_registration", True),
                (1, "matching", "2026-11", "self_registration", True),
            ]
            if db.engine.dialect.name != "sqlite":
                return  # PostgreSQL's sequences never reuse ids (and ids were given by hand)
            db.session.execute(text("DELETE FROM volunteer WHERE id = 2"))
            db.session.execute(
                text(
                    "INSERT INTO volunteer (first_name, last_name, email, phone, city,"
                    " share_with_branch, motivation, created_at, updated_at, version) VALUES"
                    " ('E', 'F', 'e@example.org', '', '', false, '', :at, :at, 1)"
                ),
                {"at": at},
            )
            new_id = db.session.scalar(text("SELECT max(id) FROM volunteer"))
            assert new_id == 8  # not 2 nor 7, ids of people deleted before
        finally:
            db.session.rollback()
            db.drop_all()
            db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
            db.session.commit()
            db.create_all()
