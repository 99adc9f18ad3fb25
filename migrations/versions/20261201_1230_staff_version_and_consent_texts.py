"""Consent text versions (drafted and published by an admin), and a version on each account so
that an admin's stale edit of a staff account is refused

Revision ID: 4bda9062da2c
Revises: f58a12411213
Create Date: 2026-12-01 11:49:49.573675

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4bda9062da2c'
down_revision = 'f58a12411213'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('consent_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=20), nullable=False),
    sa.Column('text_da', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_consent_text_created_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_text')),
    sa.UniqueConstraint('label', name=op.f('uq_consent_text_label'))
    )
    with op.batch_alter_table('consent_text', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_text_published_at'), ['published_at'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('consent_text', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_text_published_at'))

    op.drop_table('consent_text')
