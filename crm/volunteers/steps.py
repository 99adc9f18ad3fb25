"""The profile's steps: for each, its form, how to fill it from the profile, and how to save it."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from crm.converters import id_or_none, read_int
from crm.forms import LIKELY_LANGUAGES, OTHER_COUNTRIES, OTHER_LANGUAGES, likely_first, options
from crm.labels import skill_choices
from crm.matching.taxonomy import load_taxonomy
from crm.names import (
    country_choices,
    is_country,
    is_language,
    language_choices,
    likely_languages,
)
from crm.volunteers import forms, services
from crm.volunteers.models import Volunteer


@dataclass(frozen=True)
class Step:
    """One step of the profile form."""

    slug: str
    title: object  # a lazy string
    short: object  # a lazy string for the step indicator
    form_class: type[FlaskForm]
    initial: Callable[[Volunteer], dict]
    save: Callable[[FlaskForm, Volunteer], None]
    has_rows: bool = False


def prepare(form: FlaskForm, project_countries: Sequence[str] = ()) -> None:
    """Fill the select fields' choices in the user's language; countries and languages put the
    likely ones first: `project_countries` (those of the active projects) and their languages."""
    choose = [("", _l("Choose…"))]
    if isinstance(form, forms.ContactForm):
        no_branch = [("", _l("No branch / I don't know"))]
        form.branch_id.choices = options(no_branch + services.branch_choices())
    elif isinstance(form, forms.ExperienceForm):
        areas = options(choose + skill_choices())
        for row in form.entries:
            row.form.area.choices = areas
    elif isinstance(form, forms.LanguagesForm):
        languages = options(choose) + likely_first(
            language_choices(),
            likely_languages(project_countries),
            LIKELY_LANGUAGES,
            OTHER_LANGUAGES,
        )
        for row in form.entries:
            row.form.code.choices = languages
    elif isinstance(form, forms.CountriesForm):
        countries = options(choose) + likely_first(
            country_choices(),
            project_countries,
            _l("Countries of our active projects"),
            OTHER_COUNTRIES,
        )
        for row in form.entries:
            row.form.code.choices = countries


def _contact_initial(v: Volunteer) -> dict:
    return {
        "first_name": v.first_name,
        "last_name": v.last_name,
        "phone": v.phone,
        "postcode": v.postcode,
        "city": v.city,
        "branch_id": str(v.branch_id) if v.branch_id else "",
        "share_with_branch": v.share_with_branch,
    }


def _contact_save(form: forms.ContactForm, v: Volunteer) -> None:
    stopped_sharing = services.update_contact(
        v,
        first_name=form.first_name.data,
        last_name=form.last_name.data,
        phone=form.phone.data or "",
        postcode=form.postcode.data or "",
        city=form.city.data,
        branch_id=id_or_none(form.branch_id.data),
        share_with_branch=form.share_with_branch.data,
    )
    if stopped_sharing:
        flash(
            _(
                "You changed branch, so your profile is no longer shared. Tick “Share my profile"
                " with my branch” again if you want your new branch to see it."
            ),
            "warning",
        )


def _experience_initial(v: Volunteer) -> dict:
    return {"entries": forms.experience_rows(v.experience)}


def _experience_save(form: forms.ExperienceForm, v: Volunteer) -> None:
    taxonomy = load_taxonomy()
    entries = []
    for row in form.entries:
        f = row.form
        if f.is_blank():
            continue
        area = f.area.data or None
        if area is not None and area not in taxonomy:
            raise ValueError("unknown area")
        entries.append(
            services.ExperienceData(
                id=id_or_none(f.id.data),
                area=area,
                level=read_int(f.level.data) if f.level.data else None,
                years=f.years.data,
                description=f.description.data or "",
            )
        )
    services.replace_experience(v, entries)


def _languages_initial(v: Volunteer) -> dict:
    return {"entries": [*({"code": x.code, "level": x.level} for x in v.languages), {}]}


def _languages_save(form: forms.LanguagesForm, v: Volunteer) -> None:
    pairs = [(r.form.code.data, r.form.level.data) for r in form.entries if not r.form.is_blank()]
    if not all(is_language(code) for code, _level in pairs):
        raise ValueError("unknown language")
    services.replace_languages(v, pairs)


def _countries_initial(v: Volunteer) -> dict:
    return {"entries": [*({"code": x.code} for x in v.countries), {}]}


def _countries_save(form: forms.CountriesForm, v: Volunteer) -> None:
    codes = [r.form.code.data for r in form.entries if not r.form.is_blank()]
    if not all(is_country(code) for code in codes):
        raise ValueError("unknown country")
    services.replace_countries(v, codes)


def _availability_initial(v: Volunteer) -> dict:
    return {
        "available_from": v.available_from,
        "available_to": v.available_to,
        "hours_per_month": v.hours_per_month,
        "travel": v.travel,
    }


def _availability_save(form: forms.AvailabilityForm, v: Volunteer) -> None:
    services.update_availability(
        v,
        available_from=form.available_from.data,
        available_to=form.available_to.data,
        hours_per_month=form.hours_per_month.data,
        travel=form.travel.data,
    )


def _consent_save(form: forms.ConsentForm, v: Volunteer) -> None:
    if not services.has_current_consent(v):
        services.give_consent(v, services.current_consent_version())


_TABLE: tuple[Step, ...] = (
    Step(
        "contact",
        _l("Contact details and branch"),
        _l("Contact"),
        forms.ContactForm,
        _contact_initial,
        _contact_save,
    ),
    Step(
        "experience",
        _l("Your experience"),
        _l("Experience"),
        forms.ExperienceForm,
        _experience_initial,
        _experience_save,
        has_rows=True,
    ),
    Step(
        "languages",
        _l("Languages"),
        _l("Languages"),
        forms.LanguagesForm,
        _languages_initial,
        _languages_save,
        has_rows=True,
    ),
    Step(
        "countries",
        _l("Countries you know"),
        _l("Countries"),
        forms.CountriesForm,
        _countries_initial,
        _countries_save,
        has_rows=True,
    ),
    Step(
        "availability",
        _l("When and how you can help"),
        _l("Availability"),
        forms.AvailabilityForm,
        _availability_initial,
        _availability_save,
    ),
    Step(
        "motivation",
        _l("Your motivation"),
        _l("Motivation"),
        forms.MotivationForm,
        lambda v: {"motivation": v.motivation},
        lambda form, v: services.update_motivation(v, form.motivation.data),
    ),
    Step(
        "consent",
        _l("Your consent"),
        _l("Consent"),
        forms.ConsentForm,
        lambda v: {
            "consent": services.has_current_consent(v),
            "text_version": services.current_consent_version(),
        },
        _consent_save,
    ),
)
BY_SLUG = {step.slug: step for step in _TABLE}
STEPS: tuple[Step, ...] = tuple(BY_SLUG[slug] for slug in services.STEPS)
"""The steps in the order of services.STEPS, the one list of them; each needs a Step above."""
