"""The volunteer's "Needs for me" page: open needs that fit, why, and asking to take part."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.auth.access import role_required
from crm.auth.models import Role
from crm.converters import id_or_none
from crm.extensions import db
from crm.forms import TranslatedForm
from crm.locking import StaleEdit
from crm.matches import came_for, interest
from crm.notifications import status
from crm.volunteers import services as volunteer_services

bp = Blueprint("my_matches", __name__, url_prefix="/me/needs")

SHOWN = 10


class InterestForm(TranslatedForm):
    """The "take part" and "take back" buttons (CSRF only)."""


def _volunteer():
    return volunteer_services.profile_for(current_user)


@bp.get("/")
@role_required(Role.VOLUNTEER)
def index():
    """The open needs that fit the volunteer best, with the reasons, and their own pipeline.

    The need they came for from the public page (?need=<id>, or remembered) is shown first.
    """
    came = came_for.remember(request.args.get("need", type=id_or_none)) or came_for.remembered()
    volunteer = _volunteer()
    if volunteer is None or not volunteer_services.has_current_consent(volunteer):
        outdated = volunteer is not None and volunteer_services.consent_is_outdated(volunteer)
        return render_template(
            "my_matches/index.html",
            consented=False,
            outdated=outdated,
            came_for=came,
            volunteer=volunteer,
        )
    show_all = request.args.get("all") == "1"
    suggestions, total = interest.suggestions(volunteer, None if show_all else SHOWN, came)
    return render_template(
        "my_matches/index.html",
        consented=True,
        suggestions=suggestions,
        total=total,
        show_all=show_all,
        considered=interest.considered(volunteer),
        form=InterestForm(),
        volunteer=volunteer,
    )


def _back_to(need_id: int) -> str:
    """Back to the need's card on the page the volunteer came from (all needs, or the best)."""
    show_all = request.form.get("all") == "1"
    return url_for(".index", all=1 if show_all else None) + f"#need-{need_id}"


def _posted(need_id: int):
    """The open need a card's button was pressed on, and the volunteer (404 / 400 otherwise)."""
    need = interest.visible_need(need_id) or abort(404)
    if not InterestForm().validate_on_submit():
        abort(400)
    return need, _volunteer()


@bp.post("/<int:need_id>/ask")
@role_required(Role.VOLUNTEER)
def ask(need_id: int):
    """Ask to take part in an open need: the consultant sees it at once, marked as unanswered."""
    need, volunteer = _posted(need_id)
    if volunteer is None or not volunteer_services.has_current_consent(volunteer):
        flash(_("Give your consent in your profile before you ask to take part."), "error")
        return redirect(url_for(".index"))
    asking = interest.may_ask(interest.own_match(volunteer, need))  # not a repeated click
    try:
        interest.ask(volunteer, need, current_user)
        if asking:
            status.interest_received(volunteer, need)
    except interest.services.TransitionError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(_back_to(need_id))
    except StaleEdit:
        db.session.rollback()
        flash(interest.services.conflict_message(), "error")
        return redirect(_back_to(need_id))
    db.session.commit()
    flash(
        _(
            "Thank you! The international consultant can now see that you would like to take "
            "part in “%(title)s” and will contact you.",
            title=need.title,
        ),
        "success",
    )
    return redirect(_back_to(need_id))


@bp.post("/<int:need_id>/take-back")
@role_required(Role.VOLUNTEER)
def take_back(need_id: int):
    """Take back a request to take part; the consultant is told."""
    need, volunteer = _posted(need_id)
    if volunteer is None:
        abort(400)
    try:
        interest.take_back(volunteer, need, current_user)
    except interest.CannotTakeBack:
        flash(_("You have no request for “%(title)s” to take back.", title=need.title), "info")
        return redirect(_back_to(need_id))
    db.session.commit()
    flash(_("You have taken back your request for “%(title)s”.", title=need.title), "success")
    return redirect(_back_to(need_id))
