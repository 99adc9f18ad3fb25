"""The JSON API: personal access tokens (api_token, only their hash stored), an updated_at on
contact log entries (filled from created_at for the rows there are), and the (updated_at, id)
indexes the API's keyset pages of matches and contacts are read through

Revision ID: fa488bea5890
Revises: eeb557721665
Create Date: 2026-12-01 17:26:39.407821

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "fa488bea5890"
down_revision = "eeb557721665"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["revoked_by_id"],
            ["user.id"],
            name=op.f("fk_api_token_revoked_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_api_token_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_token_token_hash")),
    )
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_token_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("contact_log_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE contact_log_entry SET updated_at = created_at")
    with op.batch_alter_table("contact_log_entry", schema=None) as batch_op:
        batch_op.alter_column("updated_at", existing_type=sa.DateTime(), nullable=False)
        batch_op.create_index("ix_contact_log_entry_updated_at", ["updated_at", "id"], unique=False)

    with op.batch_alter_table("match", schema=None) as batch_op:
        batch_op.create_index("ix_match_updated_at", ["updated_at", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("match", schema=None) as batch_op:
        batch_op.drop_index("ix_match_updated_at")

    with op.batch_alter_table("contact_log_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_log_entry_updated_at")
        batch_op.drop_column("updated_at")

    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_token_user_id"))

    op.drop_table("api_token")
