"""Your own sessions: where you are logged in, and logging out on every other device."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm.auth.forms import EndOtherSessionsForm
from crm.auth.sessions import current_session_id, end_sessions, open_sessions
from crm.auth.views import bp
from crm.extensions import db


@bp.get("/account/sessions")
@login_required
def sessions():
    """The user's live sessions: started, last seen, remembered until, and which is this one."""
    return render_template(
        "auth/sessions.html",
        sessions=open_sessions(current_user),
        current_id=current_session_id(),
        form=EndOtherSessionsForm(),
    )


@bp.post("/account/sessions/end-others")
@login_required
def end_other_sessions():
    """End every session of the user but this one."""
    form = EndOtherSessionsForm()
    if not form.validate():
        return redirect(url_for(".sessions"))
    ended = end_sessions(current_user._get_current_object(), "user", keep_current=True)
    db.session.commit()
    flash(
        _("You are logged out on every other device.")
        if ended
        else _("There were no other sessions."),
        "success",
    )
    return redirect(url_for(".sessions"))
