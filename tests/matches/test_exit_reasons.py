"""The exit reasons' short list: a label in both languages for every code, in the order of
ExitReason, and the step form offering exactly that list."""

from flask_babel import force_locale

from crm.matches.forms import TransitionForm
from crm.matches.labels import EXIT_REASON_LABELS, exit_reason_label
from crm.matches.models import ExitReason


def test_every_reason_has_a_label_in_danish_and_english(app):
    assert list(EXIT_REASON_LABELS) == [str(r) for r in ExitReason]
    with app.test_request_context():
        with force_locale("da"):
            danish = [exit_reason_label(r) for r in ExitReason]
        with force_locale("en"):
            english = [exit_reason_label(r) for r in ExitReason]
    assert danish[:2] == ["Kompetencerne passede ikke", "For lavt erfaringsniveau"]
    assert english[5] == "The volunteer's own reasons"
    assert all(d != e for d, e in zip(danish, english, strict=True))
    assert exit_reason_label(None) == "" and exit_reason_label("gone") == "gone"


def test_the_step_form_offers_the_list_after_an_empty_choice(app):
    with app.test_request_context():
        form = TransitionForm(formdata=None)
        values = [choice[0] for choice in form.reason_code.iter_choices()]
    assert values == ["", *(str(r) for r in ExitReason)]
