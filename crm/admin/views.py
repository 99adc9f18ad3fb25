"""The admin area's start page; its other pages live in staff_views, consent_views and
audit_views, all on the one blueprint (crm.admin.blueprint)."""

from flask import render_template

from crm.admin import audit_views, consent_views, staff_views  # noqa: F401  (their routes)
from crm.admin.blueprint import bp
from crm.auth.access import role_required
from crm.auth.models import Role


@bp.get("/")
@role_required(Role.ADMIN)
def index():
    """The admin's start page: links to staff, branches, consent texts and the audit log."""
    return render_template("admin/index.html")
