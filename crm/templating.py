"""Every template filter and global, registered in one step by the app factory."""

from functools import partial

from flask import Flask

from crm.activities.debrief_labels import would_go_again_label
from crm.activities.debriefs import for_my_page as my_debriefs
from crm.activities.debriefs import placements_of as debrief_placements_of
from crm.activities.labels import activity_type_label, outcome_area_name, report_status_label
from crm.activities.placements import placements_of, waiting_count
from crm.activities.reports import is_locked, may_report
from crm.activities.shared_debriefs import for_next_volunteer as lessons_for_next_volunteer
from crm.activities.shared_debriefs import is_shown_to_next
from crm.auth.labels import role_label as account_role_label
from crm.contacts.labels import channel_label, direction_label
from crm.contacts.views import follow_up_to_undo
from crm.duplicates.labels import evidence_label, pair_source_label, pair_status_label
from crm.i18n import get_locale
from crm.labels import language_level_label, skill_label, travel_label
from crm.matches.explain import VOLUNTEER, describe_reason, explain, format_score
from crm.matches.fit import fit_band
from crm.matches.interest import awaiting_answer, has_asked, may_ask
from crm.matches.labels import (
    action_label,
    branch_state_label,
    exit_reason_label,
    factor_group_label,
    involvement_label,
    state_label,
)
from crm.matches.offers import may_offer
from crm.matches.pipeline import CONSIDERED_STATES, OPEN_STATES
from crm.matches.queries import tab_of
from crm.matches.services import consent_allows
from crm.names import country_name, language_name
from crm.outbox.labels import error_label as mail_error_label
from crm.outbox.labels import kind_label as mail_kind_label
from crm.outbox.labels import status_label as mail_status_label
from crm.projects.labels import country_list, need_status_label, project_status_label
from crm.public.services import need_countries
from crm.rights.labels import (
    audit_action_label,
    correction_label,
    legal_basis_label,
    purpose_label,
    role_label,
    signal_label,
    source_label,
)
from crm.urls import external_url
from crm.volunteers.services import consent_status, has_withdrawn_consent


def register_template_helpers(app: Flask) -> None:
    """Make the label, name and explanation helpers available to every template."""
    app.jinja_env.filters.update(
        skill_label=skill_label,
        project_status=project_status_label,
        need_status=need_status_label,
        travel_label=travel_label,
        language_level=language_level_label,
        country_list=country_list,
    )
    app.jinja_env.globals.update(
        get_locale=get_locale,
        has_endpoint=lambda endpoint: endpoint in app.view_functions,
        external_url=external_url,
        country_name=country_name,
        language_name=language_name,
        skill_label=skill_label,
        travel_label=travel_label,
        language_level_label=language_level_label,
        state_label=state_label,
        exit_reason_label=exit_reason_label,
        factor_group_label=factor_group_label,
        account_role_label=account_role_label,
        branch_state_label=branch_state_label,
        involvement_label=involvement_label,
        action_label=action_label,
        channel_label=channel_label,
        direction_label=direction_label,
        mail_error_label=mail_error_label,
        mail_kind_label=mail_kind_label,
        mail_status_label=mail_status_label,
        evidence_label=evidence_label,
        pair_source_label=pair_source_label,
        pair_status_label=pair_status_label,
        consent_status=consent_status,
        explain=explain,
        explain_for_volunteer=partial(explain, reader=VOLUNTEER),
        describe_reason=describe_reason,
        format_score=format_score,
        fit_band=fit_band,
        considered_states=[str(state) for state in CONSIDERED_STATES],
        open_states=OPEN_STATES,
        tab_of=tab_of,
        has_asked=has_asked,
        may_offer=may_offer,
        may_ask=may_ask,
        awaiting_answer=awaiting_answer,
        consent_allows=consent_allows,
        has_withdrawn_consent=has_withdrawn_consent,
        follow_up_to_undo=follow_up_to_undo,
        need_countries=need_countries,
        purpose_label=purpose_label,
        source_label=source_label,
        legal_basis_label=legal_basis_label,
        audit_action_label=audit_action_label,
        signal_label=signal_label,
        role_label=role_label,
        correction_label=correction_label,
        would_go_again_label=would_go_again_label,
        my_debriefs=my_debriefs,
        debrief_placements_of=debrief_placements_of,
        lessons_for_next_volunteer=lessons_for_next_volunteer,
        debrief_shown_to_next=is_shown_to_next,
        activity_type_label=activity_type_label,
        report_status_label=report_status_label,
        outcome_area_name=outcome_area_name,
        activity_placements=placements_of,
        activity_reports_waiting=waiting_count,
        report_is_locked=is_locked,
        may_report=may_report,
    )
