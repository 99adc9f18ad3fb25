"""The reason a consultant gives when a match is declined or found not suitable

Revision ID: 1b87f6d2d732
Revises: e9a3a0637a37
Create Date: 2026-11-28 07:22:02.586297

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1b87f6d2d732'
down_revision = 'e9a3a0637a37'
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows get an empty reason; the server default is dropped again so that the
    # schema matches the model (which supplies the default in Python).
    with op.batch_alter_table('match_transition', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('reason', sa.String(length=500), nullable=False, server_default='')
        )
    with op.batch_alter_table('match_transition', schema=None) as batch_op:
        batch_op.alter_column('reason', server_default=None)


def downgrade():
    with op.batch_alter_table('match_transition', schema=None) as batch_op:
        batch_op.drop_column('reason')
