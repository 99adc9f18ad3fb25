"""The one-click unsubscribe link of every notification: no login, the signed token is the key."""

from flask import Blueprint, abort, render_template, request

from crm.extensions import csrf, db
from crm.notifications import unsubscribe as service
from crm.notifications.tokens import read_unsubscribe_token

bp = Blueprint("notifications", __name__)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: a mail client POSTs here without our form; the signed token protects it
def unsubscribe(token: str):
    """GET: a page with one button that stops the kind of e-mail the link came in; POST (that
    button, or the mail client's one-click List-Unsubscribe-Post) stops it."""
    found = read_unsubscribe_token(token) or abort(404)
    volunteer, kind = found
    if request.method == "GET":
        return render_template("notifications/unsubscribe.html", kind=kind, done=False)
    service.unsubscribe(volunteer, kind)
    db.session.commit()
    return render_template("notifications/unsubscribe.html", kind=kind, done=True)
