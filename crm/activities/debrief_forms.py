"""The debrief form (the volunteer's, and the consultant's writing for them) and the library's
search form (a GET form: the filters live in the URL)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import BooleanField, HiddenField, RadioField, SearchField, SelectField, TextAreaField
from wtforms.validators import AnyOf, Length

from crm.activities.debrief_labels import WOULD_GO_AGAIN_LABELS
from crm.activities.debriefs import DebriefData
from crm.activities.lessons import LessonFilters
from crm.activities.models import Debrief, WouldGoAgain
from crm.extensions import db
from crm.forms import TranslatedForm, int_or_none, options
from crm.labels import skill_choices
from crm.names import country_choices
from crm.projects.models import Project

MAX_TEXT = 4000
ANSWERED = AnyOf([str(a) for a in WouldGoAgain], message=_l("Choose one of the options."))


def _text(label, description):
    return TextAreaField(
        label, validators=[Length(max=MAX_TEXT)], description=description, render_kw={"rows": 4}
    )


class StaffDebriefForm(TranslatedForm):
    """A debrief as a consultant writes or completes it for the volunteer: the texts and "would
    go again", never the volunteer's consent to share it."""

    what_worked = _text(_l("What worked"), _l("What went well, and what helped the partners most."))
    what_did_not = _text(
        _l("What did not work"), _l("What was hard, or what you would do differently.")
    )
    advice = _text(
        _l("Advice for the next volunteer"),
        _l("What the next volunteer on this task should know or bring."),
    )
    would_go_again = RadioField(
        _l("Would you go again?"),
        choices=options(WOULD_GO_AGAIN_LABELS.items()),
        default=WouldGoAgain.MAYBE,
        validators=[ANSWERED],
        validate_choice=False,
    )
    version = HiddenField()

    def fill(self, debrief: Debrief | None) -> None:
        """Start the form from the saved debrief (or empty, for a first version)."""
        if debrief is None:
            self.version.data = ""
            return
        self.what_worked.data = debrief.what_worked
        self.what_did_not.data = debrief.what_did_not
        self.advice.data = debrief.advice
        self.would_go_again.data = debrief.would_go_again
        self.version.data = str(debrief.version)

    def to_data(self) -> DebriefData:
        """The submitted debrief; the consent to share is left as it is."""
        return DebriefData(
            what_worked=self.what_worked.data or "",
            what_did_not=self.what_did_not.data or "",
            advice=self.advice.data or "",
            would_go_again=self.would_go_again.data,
        )


class DebriefForm(StaffDebriefForm):
    """The volunteer's own debrief, with their consent to show it to the next volunteer."""

    share_with_next = BooleanField(
        _l("My debrief may be shown to the next volunteer for this task"),
        description=_l(
            "Without your name or contact details. Leave names of other people out of your "
            "text too. You can change your mind at any time."
        ),
    )

    def fill(self, debrief: Debrief | None) -> None:
        """Start the form from the saved debrief, consent included."""
        super().fill(debrief)
        self.share_with_next.data = bool(debrief and debrief.share_with_next)

    def to_data(self) -> DebriefData:
        """The submitted debrief with the volunteer's choice of sharing it."""
        data = super().to_data()
        return DebriefData(
            data.what_worked,
            data.what_did_not,
            data.advice,
            data.would_go_again,
            share_with_next=bool(self.share_with_next.data),
        )


class LessonSearchForm(TranslatedForm):
    """Search and filters for the lessons library."""

    class Meta:
        csrf = False

    q = SearchField(_l("Words in the debrief"), validators=[Length(max=100)])
    project = SelectField(_l("Project"), coerce=int_or_none, validate_choice=False)
    country = SelectField(_l("Country"), validate_choice=False)
    area = SelectField(_l("Skill area"), validate_choice=False)
    would_go_again = SelectField(_l("Would go again"), validate_choice=False)

    def fill_choices(self) -> None:
        """Choices in the user's language; projects read with one query."""
        anyone = [("", _l("Any"))]
        projects = db.session.execute(select(Project.id, Project.title).order_by(Project.title))
        self.project.choices = options(anyone + [(p.id, p.title) for p in projects])
        self.country.choices = options(anyone + country_choices())
        self.area.choices = options(anyone + skill_choices())
        self.would_go_again.choices = options(anyone + list(WOULD_GO_AGAIN_LABELS.items()))

    def filters(self) -> LessonFilters:
        """The valid filters of this form (a malformed value is ignored, not an error page)."""
        self.validate()
        return LessonFilters(
            project_id=None if self.project.errors else self.project.data,
            country=(self.country.data or "")[:2],
            area=(self.area.data or "")[:40],
            q=(self.q.data or "")[:100],
            would_go_again=self.would_go_again.data or "",
        )
