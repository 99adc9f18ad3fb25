"""Locale selection (Danish first, English on request) and the language switch."""

from flask import (
    Blueprint,
    Flask,
    current_app,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import Babel
from flask_login import current_user

from crm.extensions import csrf, db
from crm.urls import safe_local_url

bp = Blueprint("i18n", __name__)


def get_locale() -> str:
    """The user's chosen locale, remembered on the account or in the session; else Danish."""
    supported = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user.is_authenticated and current_user.locale in supported:
        return current_user.locale
    if session.get("locale") in supported:
        return session["locale"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def register_i18n(app: Flask, babel: Babel) -> None:
    """Initialise Flask-Babel with the locale selector and the template i18n extension."""
    babel.init_app(app, locale_selector=get_locale)
    app.jinja_env.add_extension("jinja2.ext.i18n")


@bp.post("/language")
@csrf.exempt
def set_language():
    """Switch the interface language and remember the choice. A logged-in user's choice is kept
    on the account, so their form carries a CSRF token; a visitor's only in their own session,
    where a forged post could do no more than change the language, so theirs carries none and
    the public pages stay the same for every visitor (and cacheable)."""
    if current_user.is_authenticated and current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()
    code = request.form.get("locale", "")
    if code in current_app.config["LANGUAGES"]:
        session["locale"] = code
        if current_user.is_authenticated:
            current_user.locale = code
            db.session.commit()
    return redirect(safe_local_url(request.form.get("next")) or url_for("public.index"))
