"""Per-need match summary: candidate and excluded counts at the last full ranking

Revision ID: a50b3b3d2282
Revises: 1b87f6d2d732
Create Date: 2026-11-28 07:35:52.996452

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a50b3b3d2282'
down_revision = '1b87f6d2d732'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'need_match_summary',
        sa.Column('need_id', sa.Integer(), nullable=False),
        sa.Column('candidates', sa.Integer(), nullable=False),
        sa.Column('excluded', sa.Integer(), nullable=False),
        sa.Column('stored_top', sa.Integer(), nullable=False),
        sa.Column('scored_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['need_id'], ['need.id'],
            name=op.f('fk_need_match_summary_need_id_need'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('need_id', name=op.f('pk_need_match_summary')),
    )


def downgrade():
    op.drop_table('need_match_summary')
