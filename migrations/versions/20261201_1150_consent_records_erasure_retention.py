"""Consent records; erasure and retention marks on the volunteer; ids never reused on SQLite

Existing consents become records: a volunteer who holds consent gets a matching and a consultant
e-mail record (given when they consented, for the version they accepted, collected on their own
profile), and one for sharing with the branch when they share. On SQLite the volunteer and user
tables are rebuilt with AUTOINCREMENT, so that an erased or deleted person's id is never given
to someone else (PostgreSQL sequences never reuse ids).

Revision ID: f58a12411213
Revises: e7b3625495a3
Create Date: 2026-12-01 11:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f58a12411213'
down_revision = 'e7b3625495a3'
branch_labels = None
depends_on = None

EXPLICIT_CONSENT = "art9_2_a_art6_1_a"


def _autoincrement(on: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in ("user", "volunteer"):
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": on}
        ):
            pass


HIGHEST_SEEN = {
    # table: every column that may still hold an id of a row deleted before AUTOINCREMENT
    "volunteer": ("SELECT max(id) FROM volunteer", "SELECT max(volunteer_id) FROM audit_event"),
    "user": (
        'SELECT max(id) FROM "user"',
        "SELECT max(user_id) FROM audit_event",
        "SELECT max(actor_id) FROM audit_event",
    ),
}


def _seed_sequences() -> None:
    """Start each AUTOINCREMENT counter above every id seen, the audit log's included, so that
    a person deleted before this migration never lends their id to a newcomer."""
    if op.get_bind().dialect.name != "sqlite":
        return
    bind = op.get_bind()
    for table, queries in HIGHEST_SEEN.items():
        highest = max((bind.exec_driver_sql(q).scalar() or 0) for q in queries)
        bind.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
        bind.exec_driver_sql(
            "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, highest)
        )


def upgrade():
    op.create_table('consent_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('legal_basis', sa.String(length=30), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('text_version', sa.String(length=20), nullable=True),
    sa.Column('given_at', sa.DateTime(), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_consent_record_volunteer_id_volunteer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_record'))
    )
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.create_index('ix_consent_record_volunteer_purpose', ['volunteer_id', 'purpose'], unique=False)

    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('retention_reminded_at', sa.DateTime(), nullable=True))

    _autoincrement(True)
    _seed_sequences()

    # one INSERT ... SELECT per purpose: no rows pass through Python (100,000 volunteers)
    for purpose, condition in (
        ("matching", ""),
        ("consultant_email", ""),
        ("branch_sharing", " AND share_with_branch"),
    ):
        op.execute(
            sa.text(
                "INSERT INTO consent_record"
                " (volunteer_id, purpose, legal_basis, source, text_version, given_at)"
                " SELECT id, :purpose, :basis, 'self_registration', consent_version, consent_at"
                f" FROM volunteer WHERE consent_at IS NOT NULL{condition}"
            ).bindparams(purpose=purpose, basis=EXPLICIT_CONSENT)
        )


def downgrade():
    _autoincrement(False)
    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.drop_column('retention_reminded_at')
        batch_op.drop_column('erased_at')

    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.drop_index('ix_consent_record_volunteer_purpose')

    op.drop_table('consent_record')
