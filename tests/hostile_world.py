"""The objects the hostile-input walks point their URLs at, and one user of each walked role."""

from datetime import date

from crm.api.tokens import create_token
from crm.auth.models import Role
from crm.auth.tokens import CONFIRM, INVITE, RESET, make_token
from crm.branches.services import invite_contact
from crm.contacts.models import EmailTemplate
from crm.contacts.services import log_contact, regenerate_calendar_token
from crm.database import utcnow
from crm.imports import claiming
from crm.models import (
    BranchExperience,
    ConsentText,
    ExperienceEntry,
    ImportBatch,
    Match,
    Volunteer,
    VolunteerSkill,
)
from crm.notifications.tokens import MailKind, make_unsubscribe_token
from crm.outbox.writer import queue_mail
from crm.results.models import OutcomeArea
from crm.volunteers.steps import STEPS
from tests.activities.factories import add_report
from tests.consultant.factories import add_follow_up, add_match
from tests.duplicates.factories import merge_now, queue_pair


def build_hostile_world(make_user, make_volunteer, make_branch, make_need, db) -> dict:
    """A consultant with a calendar token, an admin, a volunteer with experience and a match, a
    follow-up, two branches with a contact each: every URL argument names a real object. The
    users' addresses are those of tests.hostile_walk.ROLES; the values, by URL argument name,
    are one value or a list of values to walk each of."""
    consultant = make_user(Role.CONSULTANT, email="k@example.org", name="Karen Konsulent")
    calendar = regenerate_calendar_token(consultant)
    admin = make_user(Role.ADMIN, email="a@example.org", name="Anna Admin")
    stranger = make_user(Role.VOLUNTEER, email="s@example.org")  # whose e-mailed links are used
    branch = make_branch(description="")
    branch.experience = [BranchExperience(description="Vi har drevet et ungdomsnetværk")]
    make_user(Role.BRANCH_CONTACT, email="b@example.org", branch_id=branch.id)
    other_branch = make_branch(name="Anden afdeling")
    make_user(Role.BRANCH_CONTACT, email="ob@example.org", branch_id=other_branch.id)
    invited = invite_contact(branch, "Bo Kontakt", "bo@example.org")  # has yet to choose a password
    tokens = [
        calendar,
        make_token(stranger, CONFIRM),
        make_token(stranger, RESET),
        make_token(invited, INVITE),
        "not-a-token",
    ]
    volunteer = make_volunteer(email="v@example.org", branch_id=branch.id, share_with_branch=True)
    tokens += [make_unsubscribe_token(volunteer, kind) for kind in MailKind]  # e-mailed links
    db.session.add(
        ExperienceEntry(volunteer_id=volunteer.id, area="local-democracy", level=3, description="")
    )
    db.session.add(VolunteerSkill(volunteer_id=volunteer.id, area="local-democracy", level=3))
    db.session.add(
        EmailTemplate(
            key="general",
            name="Egen",
            subject_da="Hej",
            body_da="Hej",
            subject_en="Hi",
            body_en="Hi",
        )
    )
    db.session.commit()
    need = make_need(languages=())
    match = add_match(need, volunteer)
    offer = Match(need_id=need.id, branch_id=branch.id, offered_at=utcnow(), offer_message="Vi kan")
    db.session.add(offer)
    db.session.commit()
    placement = add_match(
        make_need(project=need.project, languages=()), volunteer, state="completed"
    )
    report = add_report(placement)
    follow_up = add_follow_up(consultant, date(2026, 12, 24), volunteer=volunteer)
    draft = ConsentText(label="2099-01", text_da="Samtykke", text_en="Consent")
    db.session.add(draft)
    area = OutcomeArea(name_da="Stærke partier", name_en="Capable parties")
    db.session.add(area)
    failed_mail = queue_mail(volunteer.email, "Hej", "Tekst", kind="contact")
    failed_mail.status = "failed"
    batch = ImportBatch(
        created_by_id=consultant.id,
        filename="frivillige.csv",
        content=b"Navn;Mail\r\nAnna Berg;anna@example.org\r\n",
        columns={"full_name": "Navn", "email": "Mail"},
    )
    db.session.add(batch)
    unclaimed = Volunteer(email="imported@example.org", first_name="Ida", imported_at=utcnow())
    db.session.add(unclaimed)
    db.session.flush()
    claiming.invite([unclaimed])
    tokens.append(claiming.make_claim_token(unclaimed))  # an imported person's claim link
    # the consultant's walk revokes their own token; the admin's stays for the admin's list
    api_tokens = [
        create_token(user, "Sync", 30, "write", actor=user)[0] for user in (consultant, admin)
    ]
    contact = log_contact(volunteer.id, consultant.id, "phone", "Ringede")
    db.session.commit()
    twin = make_volunteer(email="twin@example.org", first_name="Vera", last_name="Tvilling")
    pair = queue_pair(volunteer, twin)
    kept = make_volunteer(email="kept@example.org", first_name="Mads", last_name="Dobbelt")
    merged = make_volunteer(email="merged@example.org", first_name="Mads", last_name="Dobbelt")
    merged_pair = queue_pair(kept, merged)  # its page offers "undo"
    merge_record = merge_now(merged_pair, kept, merged, consultant)
    return {
        "need_id": need.id,
        "match_id": [match.id, offer.id],
        "placement_id": placement.id,
        "report_id": report.id,
        "volunteer_id": volunteer.id,
        "erasable_volunteer_id": make_volunteer(email="erasable@example.org").id,
        "project_id": need.project_id,
        "follow_up_id": follow_up.id,
        "branch_id": branch.id,
        "step": [step.slug for step in STEPS],
        "key": "general",
        "token": tokens,
        "user_id": [invited.id, consultant.id],
        "text_id": draft.id,
        "message_id": failed_mail.id,
        "area_id": area.id,
        "batch_id": batch.id,
        "token_id": [token.id for token in api_tokens],
        "contact_id": contact.id,
        "pair_id": [pair.id, merged_pair.id],
        "merge_id": merge_record.id,
    }
