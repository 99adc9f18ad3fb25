"""The consultant area's blueprint, shared by its view modules."""

from flask import Blueprint

bp = Blueprint("consultant", __name__, url_prefix="/consultant")
