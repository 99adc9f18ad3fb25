"""The volunteer's "Needs for me" page: open needs that fit, why, and "I am interested"."""

from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.auth.access import role_required
from crm.auth.models import Role
from crm.extensions import db
from crm.forms import TranslatedForm
from crm.labels import travel_label
from crm.matches import interest
from crm.matches.explain import VOLUNTEER, explain
from crm.matches.fit import fit_band
from crm.matches.labels import state_label
from crm.volunteers import services as volunteer_services

bp = Blueprint("my_matches", __name__, url_prefix="/me/needs")

SHOWN = 10


class InterestForm(TranslatedForm):
    """The "I am interested" button (CSRF only)."""


@bp.context_processor
def _helpers() -> dict:
    return {
        "explain": partial(explain, reader=VOLUNTEER),
        "fit_band": fit_band,
        "state_label": state_label,
        "considered_states": [str(state) for state in interest.CONSIDERED_STATES],
        "travel_label": travel_label,
    }


def _volunteer():
    return volunteer_services.profile_for(current_user)


@bp.get("/")
@role_required(Role.VOLUNTEER)
def index():
    """The open needs that fit the volunteer best, with the reasons, and their own pipeline."""
    volunteer = _volunteer()
    if volunteer is None or not volunteer_services.has_current_consent(volunteer):
        outdated = volunteer is not None and volunteer_services.consent_is_outdated(volunteer)
        return render_template("my_matches/index.html", consented=False, outdated=outdated)
    show_all = request.args.get("all") == "1"
    suggestions, total = interest.suggestions(volunteer, None if show_all else SHOWN)
    return render_template(
        "my_matches/index.html",
        consented=True,
        suggestions=suggestions,
        total=total,
        show_all=show_all,
        considered=interest.considered(volunteer),
        form=InterestForm(),
    )


@bp.post("/<int:need_id>/interested")
@role_required(Role.VOLUNTEER)
def interested(need_id: int):
    """Say "I am interested" in an open need: the consultant sees it on the need's list."""
    need = interest.visible_need(need_id) or abort(404)
    volunteer = _volunteer()
    form = InterestForm()
    if not form.validate_on_submit():
        abort(400)
    if volunteer is None or not volunteer_services.has_current_consent(volunteer):
        flash(_("Give your consent in your profile before you say you are interested."), "error")
        return redirect(url_for(".index"))
    try:
        interest.express_interest(volunteer, need, current_user)
    except interest.services.TransitionError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for(".index"))
    db.session.commit()
    flash(
        _(
            "Thank you! The international consultant can now see that you are interested in "
            "“%(title)s” and will contact you.",
            title=need.title,
        ),
        "success",
    )
    return redirect(url_for(".index"))
