"""Every Flask extension singleton, created unbound and initialised in create_app."""

from flask import current_app
from flask_babel import Babel
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from crm.database import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address)


def limits_off() -> bool:
    """The limiter's exempt_when: rate limits follow this app's RATELIMIT_ENABLED, whatever
    other apps in the process say."""
    return not current_app.config["RATELIMIT_ENABLED"]


cache = Cache()
