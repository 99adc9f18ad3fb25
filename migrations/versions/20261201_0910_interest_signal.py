"""The volunteer's own interest signals apart from pipeline moves; consent withdrawal time

Revision ID: 7c1d2e3f4a5b
Revises: 5c1e0a7d9b42
Create Date: 2026-12-01 09:10:00

Until now a consultant's move to "interested" also set match.interested_at, which the record then
showed as the volunteer's own click. The data step keeps an interested_at only where no staff
move to "interested" happened within two seconds of it, and records each kept one as the
volunteer's "asked" signal.
"""
from datetime import timedelta

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c1d2e3f4a5b'
down_revision = '5c1e0a7d9b42'
branch_labels = None
depends_on = None

SAME_MOMENT = timedelta(seconds=2)


def upgrade():
    op.create_table(
        'interest_signal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('match_id', sa.Integer(), nullable=False),
        sa.Column('volunteer_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ['match_id'], ['match.id'],
            name=op.f('fk_interest_signal_match_id_match'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['volunteer_id'], ['volunteer.id'],
            name=op.f('fk_interest_signal_volunteer_id_volunteer'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['user.id'],
            name=op.f('fk_interest_signal_user_id_user'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_interest_signal')),
    )
    with op.batch_alter_table('interest_signal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interest_signal_match_id'), ['match_id'], unique=False)
        batch_op.create_index('ix_interest_signal_volunteer_at', ['volunteer_id', 'at'], unique=False)
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interest_taken_back_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_withdrawn_at', sa.DateTime(), nullable=True))
    _separate_signals_from_moves()


def _separate_signals_from_moves():
    bind = op.get_bind()
    match = sa.table(
        'match', sa.column('id'), sa.column('volunteer_id'),
        sa.column('interested_at', sa.DateTime()),
    )
    step = sa.table(
        'match_transition', sa.column('match_id'), sa.column('to_state'),
        sa.column('user_id'), sa.column('at', sa.DateTime()),
    )
    volunteer = sa.table('volunteer', sa.column('id'), sa.column('user_id'))
    signal = sa.table(
        'interest_signal', sa.column('match_id'), sa.column('volunteer_id'),
        sa.column('kind'), sa.column('user_id'), sa.column('at', sa.DateTime()),
        sa.column('note'),
    )
    rows = bind.execute(
        sa.select(match.c.id, match.c.volunteer_id, match.c.interested_at, volunteer.c.user_id)
        .join(volunteer, volunteer.c.id == match.c.volunteer_id)
        .where(match.c.interested_at.is_not(None))
    ).all()
    moves = {}
    for match_id, user_id, at in bind.execute(
        sa.select(step.c.match_id, step.c.user_id, step.c.at).where(
            step.c.to_state == 'interested',
            step.c.match_id.in_(sa.select(match.c.id).where(match.c.interested_at.is_not(None))),
        )
    ):
        moves.setdefault(match_id, []).append((user_id, at))
    cleared, kept = [], []
    for match_id, volunteer_id, at, own_user in rows:
        by_staff = any(
            user != own_user and abs(moved - at) <= SAME_MOMENT
            for user, moved in moves.get(match_id, [])
        )
        if by_staff:
            cleared.append(match_id)
        else:
            kept.append({'match_id': match_id, 'volunteer_id': volunteer_id, 'kind': 'asked',
                         'user_id': own_user, 'at': at, 'note': ''})
    for start in range(0, len(cleared), 500):
        bind.execute(
            sa.update(match).where(match.c.id.in_(cleared[start:start + 500]))
            .values(interested_at=None)
        )
    if kept:
        bind.execute(sa.insert(signal), kept)


def downgrade():
    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.drop_column('consent_withdrawn_at')
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.drop_column('interest_taken_back_at')
    with op.batch_alter_table('interest_signal', schema=None) as batch_op:
        batch_op.drop_index('ix_interest_signal_volunteer_at')
        batch_op.drop_index(batch_op.f('ix_interest_signal_match_id'))
    op.drop_table('interest_signal')
