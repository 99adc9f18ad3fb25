"""Indexes on volunteer.consent_withdrawn_at, volunteer.erased_at and follow_up.contact_id; every
stored account e-mail in its normalised form (lower case), so that a lookup uses the unique index

The need page and the dashboard select the few volunteers who withdrew consent, and every list
leaves out the few erased ones, with `... IS NOT NULL` subqueries: without an index each one
scanned the whole volunteer table (about 40 ms at 100,000 volunteers, four times per need page).
A volunteer's record reads the follow-ups of its timeline's entries by contact_id (a scan of
every follow-up before).

Revision ID: db27442a058a
Revises: 772921609bfb
Create Date: 2026-12-01 14:53:39.976191

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'db27442a058a'
down_revision = '772921609bfb'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_volunteer_consent_withdrawn_at', 'volunteer', ['consent_withdrawn_at'])
    op.create_index('ix_volunteer_erased_at', 'volunteer', ['erased_at'])
    op.create_index('ix_follow_up_contact_id', 'follow_up', ['contact_id'])
    # The app has always stored addresses through normalise_email (strip, lower); this makes
    # sure of it for any row written otherwise, before the lookup compares them as they are.
    op.execute('UPDATE "user" SET email = lower(trim(email)) WHERE email <> lower(trim(email))')


def downgrade():
    op.drop_index('ix_follow_up_contact_id', table_name='follow_up')
    op.drop_index('ix_volunteer_erased_at', table_name='volunteer')
    op.drop_index('ix_volunteer_consent_withdrawn_at', table_name='volunteer')
