"""The admin's list of every API token that still works, with revoke (on the admin blueprint)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.admin.blueprint import bp
from crm.api import tokens
from crm.api.forms import SCOPE_LABELS, RevokeTokenForm
from crm.api.models import ApiToken
from crm.auth.access import role_required
from crm.auth.models import Role
from crm.extensions import db


@bp.get("/api-tokens")
@role_required(Role.ADMIN)
def api_tokens():
    """Every live token: whose, its name, prefix, access, expiry and last use."""
    return render_template(
        "api/admin_tokens.html",
        rows=tokens.live_tokens(),
        revoke_form=RevokeTokenForm(),
        scope_labels=SCOPE_LABELS,
    )


@bp.post("/api-tokens/<int:token_id>/revoke")
@role_required(Role.ADMIN)
def revoke_api_token(token_id: int):
    """Revoke anyone's token at once."""
    form = RevokeTokenForm()
    token = db.session.get(ApiToken, token_id)
    if token is None:
        abort(404)
    if not form.validate():
        abort(400)
    if tokens.revoke_token(token, current_user._get_current_object()):
        db.session.commit()
        flash(_("The token is revoked: it no longer opens the API."), "success")
    return redirect(url_for(".api_tokens"))
