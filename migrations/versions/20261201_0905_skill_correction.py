"""Skill corrections: the volunteer's own word on an area read from their text

Revision ID: 5c1e0a7d9b42
Revises: a50b3b3d2282
Create Date: 2026-12-01 09:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c1e0a7d9b42'
down_revision = 'a50b3b3d2282'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'skill_correction',
        sa.Column('volunteer_id', sa.Integer(), nullable=False),
        sa.Column('area', sa.String(length=40), nullable=False),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('level', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(action = 'change' AND level BETWEEN 1 AND 4)"
            " OR (action <> 'change' AND level IS NULL)",
            name=op.f('ck_skill_correction_level_only_for_change'),
        ),
        sa.ForeignKeyConstraint(
            ['volunteer_id'], ['volunteer.id'],
            name=op.f('fk_skill_correction_volunteer_id_volunteer'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('volunteer_id', 'area', name=op.f('pk_skill_correction')),
    )


def downgrade():
    op.drop_table('skill_correction')
