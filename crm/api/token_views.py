"""The account page's API tokens: create one (shown once), see the live ones, revoke one.
Staff only; the routes join auth's blueprint beside /account/sessions."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.api import tokens
from crm.api.forms import SCOPE_LABELS, CreateTokenForm, RevokeTokenForm
from crm.auth.access import staff_required
from crm.auth.views import bp
from crm.extensions import db


def _page(form: CreateTokenForm, new_secret: str | None = None, status: int = 200):
    return (
        render_template(
            "api/tokens.html",
            tokens=tokens.tokens_of(current_user),
            form=form,
            revoke_form=RevokeTokenForm(),
            new_secret=new_secret,
            scope_labels=SCOPE_LABELS,
        ),
        status,
    )


@bp.route("/account/api-tokens", methods=["GET", "POST"])
@staff_required
def api_tokens():
    """The user's live API tokens and the form for a new one; a new token is shown this once
    (it is never shown again, nor stored)."""
    form = CreateTokenForm()
    if request.method == "GET":
        return _page(form)
    if not form.validate():
        return _page(form, status=400)
    user = current_user._get_current_object()
    _token, secret = tokens.create_token(
        user, form.name.data, int(form.days.data), form.scope.data, actor=user
    )
    db.session.commit()
    return _page(CreateTokenForm(formdata=None), new_secret=secret)


@bp.post("/account/api-tokens/<int:token_id>/revoke")
@staff_required
def revoke_api_token(token_id: int):
    """Revoke one of the user's own tokens at once."""
    form = RevokeTokenForm()
    token = tokens.own_token(current_user, token_id)
    if token is None:
        abort(404)
    if not form.validate():
        abort(400)
    if tokens.revoke_token(token, current_user._get_current_object()):
        db.session.commit()
        flash(_("The token is revoked: it no longer opens the API."), "success")
    return redirect(url_for(".api_tokens"))
