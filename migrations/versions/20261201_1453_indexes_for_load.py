"""Partial indexes on volunteer.consent_withdrawn_at and erased_at, one on follow_up.contact_id; every
stored account e-mail in its normalised form (lower case), so that a lookup uses the unique index

The need page and the dashboard select the few volunteers who withdrew consent, and every list
leaves out the few erased ones, with `... IS NOT NULL` subqueries: without an index each one
scanned the whole volunteer table (about 40 ms at 100,000 volunteers, four times per need page).
A volunteer's record reads the follow-ups of its timeline's entries by contact_id (a scan of
every follow-up before).

Revision ID: db27442a058a
Revises: c053a1e7f3aa
Create Date: 2026-12-01 14:53:39.976191

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'db27442a058a'
down_revision = 'c053a1e7f3aa'
branch_labels = None
depends_on = None


def upgrade():
    # Partial: only the few rows they find, so that no "IS NULL" filter is planned through them.
    for name, column in (
        ('ix_volunteer_consent_withdrawn', 'consent_withdrawn_at'),
        ('ix_volunteer_erased', 'erased_at'),
    ):
        where = sa.text(f'{column} IS NOT NULL')
        op.create_index(
            name, 'volunteer', [column], sqlite_where=where, postgresql_where=where
        )
    op.create_index('ix_follow_up_contact_id', 'follow_up', ['contact_id'])
    # The app has always stored addresses through normalise_email (strip, lower); this makes
    # sure of it for any row written otherwise, before the lookup compares them as they are.
    op.execute('UPDATE "user" SET email = lower(trim(email)) WHERE email <> lower(trim(email))')


def downgrade():
    op.drop_index('ix_follow_up_contact_id', table_name='follow_up')
    op.drop_index('ix_volunteer_erased', table_name='volunteer')
    op.drop_index('ix_volunteer_consent_withdrawn', table_name='volunteer')
