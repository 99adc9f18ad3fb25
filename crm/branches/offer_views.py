"""'Vi kan hjælpe': the branch offers help on an open need, and follows its offers' states."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.branches import forms
from crm.branches.blueprint import bp, contact_required, own_branch
from crm.converters import id_or_none
from crm.extensions import db
from crm.matches import offers
from crm.matches.interest import visible_need


def _member_choices(branch_id: int) -> list[tuple[str, str]]:
    return [(str(v.id), f"{v.first_name} {v.last_name}") for v in offers.sharing_members(branch_id)]


@bp.route("/needs/<int:need_id>/offer", methods=["GET", "POST"])
@contact_required
def offer(need_id: int):
    """The need and the offer form: a short message, and members who share with the branch."""
    branch = own_branch()
    need = visible_need(need_id) or abort(404)  # open, in an active project: else 404
    form = forms.OfferForm()
    form.members.choices = _member_choices(branch.id)
    existing = offers.branch_offer(branch.id, need.id)
    error, status = None, 200
    if form.validate_on_submit():
        try:
            offers.offer_help(
                branch,
                need,
                current_user,
                form.message.data,
                [id_or_none(value) for value in form.members.data],
            )
            db.session.commit()
        except offers.OfferRefused as refused:
            db.session.rollback()
            error, status = refused.message, 400
        else:
            flash(_("Thank you: your offer on “%(need)s” is sent.", need=need.title), "success")
            return redirect(url_for(".offers"))
    elif form.is_submitted():
        status = 400
    return render_template(
        "branches/offer.html", need=need, form=form, offer=existing, error=error
    ), status


@bp.get("/offers", endpoint="offers")
@contact_required
def offers_page():
    """The branch's offers: the need, when, and the state in the branch's words."""
    branch = own_branch()
    return render_template(
        "branches/offers.html", branch=branch, rows=offers.offers_of_branch(branch.id)
    )
