"""Fixtures for the branch contact's pages: a branch with a logged-in contact, members."""

import pytest

from crm.auth.models import Role
from crm.models import VolunteerLanguage


@pytest.fixture()
def contact(make_user, make_branch):
    """make_contact(branch=None) → (branch, contact user) for a new or given branch."""

    def make(branch=None, **fields):
        branch = branch or make_branch(**fields)
        return branch, make_user(Role.BRANCH_CONTACT, branch_id=branch.id)

    return make


@pytest.fixture()
def make_member(db, make_volunteer):
    """A consenting member of `branch`; shares with it unless told; languages as (code, level)."""

    def make(branch, share=True, languages=(), **fields):
        volunteer = make_volunteer(branch_id=branch.id, share_with_branch=share, **fields)
        volunteer.languages = [VolunteerLanguage(code=c, level=lv) for c, lv in languages]
        db.session.commit()
        return volunteer

    return make
