"""The shared label tables cover exactly the engine's scales and the pipeline's states."""

from flask_babel import force_locale

from crm import labels
from crm.matches.labels import ACTION_LABELS, STATE_LABELS, state_label
from crm.matches.models import MatchState
from crm.matching.levels import EXPERIENCE_LEVELS, LANGUAGE_LEVELS, TRAVEL_MODES


def test_label_tables_list_each_scale_in_the_engines_order():
    assert tuple(labels.EXPERIENCE_LABELS) == EXPERIENCE_LEVELS
    assert tuple(labels.NUMBERED_EXPERIENCE_LABELS) == EXPERIENCE_LEVELS
    assert tuple(labels.LANGUAGE_LEVEL_LABELS) == LANGUAGE_LEVELS
    assert tuple(labels.SHORT_LANGUAGE_LEVEL_LABELS) == LANGUAGE_LEVELS
    assert tuple(labels.TRAVEL_LABELS) == TRAVEL_MODES
    assert tuple(labels.TRAVEL_CHOICE_LABELS) == TRAVEL_MODES


def test_state_tables_list_every_pipeline_state_in_order():
    assert tuple(STATE_LABELS) == tuple(MatchState)
    assert set(ACTION_LABELS) == set(MatchState)


def test_labels_in_danish_and_english(app):
    with app.test_request_context(), force_locale("da"):
        assert str(labels.NUMBERED_EXPERIENCE_LABELS[1]) == "1 – Interesseret / grundlæggende"
        assert labels.travel_label("remote") == "Kun hjemmefra"
        assert labels.language_level_label("native") == "Modersmål"
        assert labels.language_level_label("B2") == "B2"
        assert state_label("excluded") == "Udelukket"
    with app.test_request_context(), force_locale("en"):
        assert str(labels.NUMBERED_EXPERIENCE_LABELS[4]) == "4 – Expert, has led it"
        assert labels.travel_label("long") == "Longer stays (over two weeks)"
        assert labels.travel_label(None) == ""
        assert state_label("not_suitable") == "Not suitable"
