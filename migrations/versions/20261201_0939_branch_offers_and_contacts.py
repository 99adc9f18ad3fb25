"""Branch offers: a match of a branch (not a volunteer), named members, contacts with a branch,
branch corrections and an edit version

Revision ID: 99d34f11e761
Revises: 7c1d2e3f4a5b
Create Date: 2026-12-01 09:39:10.923975

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '99d34f11e761'
down_revision = '7c1d2e3f4a5b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('branch_skill_correction',
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(action = 'change' AND level BETWEEN 1 AND 4) OR (action <> 'change' AND level IS NULL)", name=op.f('ck_branch_skill_correction_level_only_for_change')),
    sa.ForeignKeyConstraint(['branch_id'], ['branch.id'], name=op.f('fk_branch_skill_correction_branch_id_branch'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('branch_id', 'area', name=op.f('pk_branch_skill_correction'))
    )
    op.create_table('offer_member',
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_offer_member_match_id_match'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_offer_member_volunteer_id_volunteer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('match_id', 'volunteer_id', name=op.f('pk_offer_member'))
    )
    with op.batch_alter_table('offer_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_member_volunteer_id'), ['volunteer_id'], unique=False)

    with op.batch_alter_table('branch', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'updated_at', sa.DateTime(), nullable=False, server_default=sa.func.current_timestamp()
        ))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    with op.batch_alter_table('branch', schema=None) as batch_op:
        batch_op.alter_column('updated_at', server_default=None)
        batch_op.alter_column('version', server_default=None)

    with op.batch_alter_table('contact_log_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('branch_id', sa.Integer(), nullable=True))
        batch_op.alter_column('volunteer_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index('ix_contact_log_entry_branch_at', ['branch_id', 'at'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_contact_log_entry_branch_id_branch'), 'branch', ['branch_id'], ['id'], ondelete='CASCADE')
        batch_op.create_check_constraint(
            'volunteer_or_branch', '(volunteer_id IS NULL) <> (branch_id IS NULL)'
        )

    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.add_column(sa.Column('branch_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('offered_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('offered_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('offer_message', sa.Text(), nullable=False, server_default=''))
        batch_op.alter_column('volunteer_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_match_branch_id'), ['branch_id'], unique=False)
        batch_op.create_unique_constraint('uq_match_need_branch', ['need_id', 'branch_id'])
        batch_op.create_foreign_key(batch_op.f('fk_match_offered_by_user'), 'user', ['offered_by'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_match_branch_id_branch'), 'branch', ['branch_id'], ['id'], ondelete='CASCADE')
        batch_op.create_check_constraint(
            'volunteer_or_branch', '(volunteer_id IS NULL) <> (branch_id IS NULL)'
        )
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.alter_column('offer_message', server_default=None)



def downgrade():
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_match_volunteer_or_branch'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_match_branch_id_branch'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_match_offered_by_user'), type_='foreignkey')
        batch_op.drop_constraint('uq_match_need_branch', type_='unique')
        batch_op.drop_index(batch_op.f('ix_match_branch_id'))
        batch_op.alter_column('volunteer_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('offer_message')
        batch_op.drop_column('offered_by')
        batch_op.drop_column('offered_at')
        batch_op.drop_column('branch_id')

    with op.batch_alter_table('contact_log_entry', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_contact_log_entry_volunteer_or_branch'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_contact_log_entry_branch_id_branch'), type_='foreignkey')
        batch_op.drop_index('ix_contact_log_entry_branch_at')
        batch_op.alter_column('volunteer_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('branch_id')

    with op.batch_alter_table('branch', schema=None) as batch_op:
        batch_op.drop_column('version')
        batch_op.drop_column('updated_at')

    with op.batch_alter_table('offer_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_member_volunteer_id'))

    op.drop_table('offer_member')
    op.drop_table('branch_skill_correction')
