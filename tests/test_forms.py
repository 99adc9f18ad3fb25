"""WTForms' own messages come in the user's language too."""

import pytest
from flask import render_template_string, session
from wtforms import IntegerField, StringField
from wtforms.validators import Length

from crm.forms import TranslatedForm, int_or_none, options


class AgeForm(TranslatedForm):
    age = IntegerField("Alder")
    name = StringField("Navn", validators=[Length(max=3)])


def errors_for(app, locale: str | None) -> dict:
    with app.test_request_context(method="POST", data={"age": "tre", "name": "Mette"}):
        if locale:
            session["locale"] = locale
        form = AgeForm(meta={"csrf": False})
        form.validate()
        return form.errors


def test_builtin_messages_are_danish_by_default(app):
    assert errors_for(app, None) == {
        "age": ["Skriv et helt tal."],
        "name": ["Feltet må højst være 3 tegn langt."],
    }


def test_builtin_messages_are_english_on_request(app):
    assert errors_for(app, "en") == {
        "age": ["Not a valid integer value."],
        "name": ["Field cannot be longer than 3 characters."],
    }


def test_select_helpers():
    assert [(c.value, c.label) for c in options([(None, "—"), (3, "Tre")])] == [
        ("", "—"),
        ("3", "Tre"),
    ]
    assert [int_or_none(v) for v in (None, "", "None", "7")] == [None, None, None, 7]
    with pytest.raises(ValueError):
        int_or_none("x")  # WTForms shows it as the field's error; a search ignores the filter


def test_render_field_leaves_out_empty_aria_attributes(app):
    with app.test_request_context():
        form = AgeForm(meta={"csrf": False})
        html = render_template_string(
            '{% from "_macros/forms.html" import render_field %}{{ render_field(form.name) }}',
            form=form,
        )
    assert 'id="name"' in html and "aria-" not in html and '"None"' not in html
