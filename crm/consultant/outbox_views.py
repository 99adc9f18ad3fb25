"""The e-mails that did not go out: the failed and the waiting-to-retry, each with "send again"."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crm.auth.access import staff_required
from crm.consultant.blueprint import bp
from crm.contacts.forms import TokenForm
from crm.extensions import db
from crm.outbox import delivery, status
from crm.outbox.models import OutboxMessage
from crm.pagination import requested_page
from crm.urls import safe_local_url


@bp.get("/outbox")
@staff_required
def outbox():
    """The e-mails that failed or wait for another try, failed first."""
    return render_template(
        "consultant/outbox.html", page=status.unsent_page(requested_page()), here=request.full_path
    )


@bp.post("/outbox/<int:message_id>/retry")
@staff_required
def retry_email(message_id: int):
    """Put a failed e-mail back in line; the worker sends it."""
    if not TokenForm().validate_on_submit():
        abort(400)
    message = db.get_or_404(OutboxMessage, message_id)
    if delivery.retry(message):
        db.session.commit()
        flash(_("The e-mail is back in line and goes out in a moment."), "success")
    else:
        flash(_("That e-mail is not failed any more: nothing to send again."), "info")
    return redirect(safe_local_url(request.form.get("next")) or url_for(".outbox"))
