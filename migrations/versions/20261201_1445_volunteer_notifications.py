"""Notifications to volunteers: their e-mail choices on the profile, when each need opened to
the public, which needs each volunteer was told about, and each volunteer's digest watermark

Revision ID: 85c3c4345c16
Revises: 772921609bfb
Create Date: 2026-12-01 14:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '85c3c4345c16'
down_revision = '772921609bfb'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('need_opening',
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_need_opening_need_id_need'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('need_id', name=op.f('pk_need_opening'))
    )
    with op.batch_alter_table('need_opening', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_opening_opened_at'), ['opened_at'], unique=False)

    op.create_table('digest_mark',
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('until', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_digest_mark_volunteer_id_volunteer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('volunteer_id', name=op.f('pk_digest_mark'))
    )
    op.create_table('need_notice',
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_need_notice_need_id_need'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_need_notice_volunteer_id_volunteer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('volunteer_id', 'need_id', name=op.f('pk_need_notice'))
    )
    with op.batch_alter_table('need_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_notice_need_id'), ['need_id'], unique=False)

    # Plain ALTER TABLE ADD COLUMN, not a batch: SQLite would rebuild the table for the
    # expression default and lose its AUTOINCREMENT counter (ids must never be reused).
    op.add_column('volunteer', sa.Column('needs_email', sa.String(length=10), server_default='weekly', nullable=False))
    op.add_column('volunteer', sa.Column('status_emails', sa.Boolean(), server_default=sa.true(), nullable=False))



def downgrade():
    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.drop_column('status_emails')
        batch_op.drop_column('needs_email')

    with op.batch_alter_table('need_notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_notice_need_id'))

    op.drop_table('need_notice')
    op.drop_table('digest_mark')
    with op.batch_alter_table('need_opening', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_opening_opened_at'))

    op.drop_table('need_opening')
