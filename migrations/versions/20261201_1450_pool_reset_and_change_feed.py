"""The change feed of the per-process caches: Volunteer.updated_at indexed, and pool_reset (a bulk
change to matching data that no updated_at shows)

Revision ID: c053a1e7f3aa
Revises: 85c3c4345c16
Create Date: 2026-12-01 14:36:14.898564

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c053a1e7f3aa'
down_revision = '85c3c4345c16'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'pool_reset',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_pool_reset')),
    )
    # A plain CREATE INDEX: no batch table copy of the volunteers on SQLite.
    op.create_index('ix_volunteer_updated_at', 'volunteer', ['updated_at'], unique=False)


def downgrade():
    op.drop_index('ix_volunteer_updated_at', table_name='volunteer')
    op.drop_table('pool_reset')
