"""Editable e-mail templates (overrides of the built-in ones and consultants' own)

Revision ID: e9a3a0637a37
Revises: 6cb7be1eb21c
Create Date: 2026-11-28 07:21:18.751603

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e9a3a0637a37'
down_revision = '6cb7be1eb21c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('email_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('subject_da', sa.String(length=200), nullable=False),
    sa.Column('body_da', sa.Text(), nullable=False),
    sa.Column('subject_en', sa.String(length=200), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_email_template_updated_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_template')),
    sa.UniqueConstraint('key', name=op.f('uq_email_template_key'))
    )


def downgrade():
    op.drop_table('email_template')
