"""Access checks for views: a role_required decorator."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from crm.auth.models import Role


def role_required(*roles: Role) -> Callable:
    """Let only logged-in users with one of these roles through; others get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required(Role.CONSULTANT, Role.ADMIN)
