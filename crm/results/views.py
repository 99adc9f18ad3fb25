"""The results area for staff: outcome areas, project targets, a project's results page and its
exports for the funder (a spreadsheet and a printable page)."""

from dataclasses import replace

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.access import staff_required
from crm.extensions import db
from crm.locking import StaleEdit
from crm.projects import services as project_services
from crm.projects.models import Project
from crm.results import charts, figures, outcomes, tables, xlsx
from crm.results.forms import OutcomeAreaForm, PeriodForm, TargetsForm
from crm.results.labels import area_name, series_label
from crm.results.models import OutcomeArea
from crm.results.period import Period, default_period

bp = Blueprint("results", __name__, url_prefix="/results")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/")
@staff_required
def index():
    """Every project with links to its results and targets, and the outcome areas."""
    rows = project_services.projects_with_need_counts()
    return render_template("results/index.html", rows=rows, areas=outcomes.outcome_areas())


@bp.get("/outcome-areas")
@staff_required
def outcome_areas():
    """The outcome areas results are reported against, in their order."""
    return render_template("results/outcome_areas.html", areas=outcomes.outcome_areas())


@bp.route("/outcome-areas/new", methods=["GET", "POST"])
@staff_required
def new_outcome_area():
    """Add an outcome area."""
    form = OutcomeAreaForm()
    if form.validate_on_submit():
        outcomes.create_outcome_area(form.to_data())
        db.session.commit()
        flash(_("The outcome area was added."), "success")
        return redirect(url_for(".outcome_areas"))
    return render_template("results/outcome_area_form.html", form=form, area=None)


@bp.route("/outcome-areas/<int:area_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_outcome_area(area_id: int):
    """Edit an outcome area; a stale form (someone saved meanwhile) is refused, not overwritten."""
    area = db.get_or_404(OutcomeArea, area_id)
    form = OutcomeAreaForm(obj=area) if request.method == "GET" else OutcomeAreaForm()
    if request.method == "GET":
        form.version.data = area.version
    if form.validate_on_submit():
        try:
            outcomes.update_outcome_area(area, form.to_data(), form.version.data)
        except StaleEdit:
            db.session.rollback()
            flash(
                _(
                    "Your changes were not saved: someone else saved this outcome area after you "
                    "opened it. Your text is still in the form below. Open the area again to see "
                    "the current version, then make your changes there."
                ),
                "error",
            )
            return render_template("results/outcome_area_form.html", form=form, area=area), 409
        db.session.commit()
        flash(_("The outcome area was saved."), "success")
        return redirect(url_for(".outcome_areas"))
    return render_template("results/outcome_area_form.html", form=form, area=area)


def _targets_form(project: Project, areas: list[OutcomeArea]) -> TargetsForm:
    """The targets form: the stored targets (GET) or the submitted rows (POST)."""
    if request.method == "GET":
        data = {
            "targets": [
                {"measure": t.measure, "area": t.outcome_area_id or "", "value": t.value}
                for t in outcomes.project_targets(project.id)
            ],
            "version": project.version,
        }
        form = TargetsForm(data=data)
        form.add_empty_rows()
    else:
        form = TargetsForm()
    form.set_choices(areas)
    return form


@bp.route("/projects/<int:project_id>/targets", methods=["GET", "POST"])
@staff_required
def targets(project_id: int):
    """A project's targets for the funder; a stale form is refused, not overwritten."""
    project = db.get_or_404(Project, project_id)
    stored = {t.outcome_area_id for t in outcomes.project_targets(project.id)}
    areas = [a for a in outcomes.outcome_areas() if a.active or a.id in stored]
    form = _targets_form(project, areas)
    if form.validate_on_submit():
        try:
            outcomes.save_targets(project, form.to_data(), form.version.data)
        except StaleEdit:
            db.session.rollback()
            flash(
                _(
                    "Your changes were not saved: someone else saved this project or its targets "
                    "after you opened them. Your targets are still in the form below. Open the "
                    "page again to see the current version, then make your changes there."
                ),
                "error",
            )
            return render_template("results/targets.html", form=form, project=project), 409
        db.session.commit()
        flash(_("The targets were saved."), "success")
        return redirect(url_for(".project", project_id=project.id))
    return render_template("results/targets.html", form=form, project=project)


def _period(project: Project) -> tuple[PeriodForm, Period]:
    """The period the URL asks for; the project's (or this year's) where it asks for none, or
    for one that does not make sense (the form then shows why)."""
    form = PeriodForm(request.args)
    default = default_period(project)
    if not form.validate():
        return form, default
    period = Period(form.start.data or default.start, form.end.data or default.end)
    if period.end < period.start:
        form.end.errors.append(_("The end date must be on or after the start date."))
        return form, default
    return form, period


def _export_locale(form: PeriodForm) -> str:
    """The language the export asks for (?lang=), else the reader's own."""
    lang = form.lang.data
    return lang if lang in current_app.config["LANGUAGES"] else str(get_locale())


def _area_names() -> dict[int, str]:
    """Every outcome area's name in the current language, by id."""
    return {a.id: area_name(a.name_da, a.name_en) for a in outcomes.outcome_areas()}


def _context(project: Project, period: Period, include_names: bool) -> dict:
    """What the page and the printable page show, in the current locale."""
    results = figures.project_results(project.id, period)
    return {
        "project": project,
        "results": results,
        "charts": charts.results_charts(results),
        "tables": {
            t.key: t for t in tables.all_tables(project, results, _area_names(), include_names)
        },
        "patterns": charts.PATTERNS,
        "series_label": series_label,
        "chart_number": charts.number,
    }


def _audit_export(project: Project, period: Period, kind: str, names: bool, rows: int) -> None:
    """Audit an export with its filters and row count (never a name)."""
    audit.record(
        Action.EXPORT,
        export=kind,
        project_id=project.id,
        filter_from=period.start.isoformat(),
        filter_to=period.end.isoformat(),
        names=names,
        rows=rows,
    )


ACTIVITIES_ON_PAGE = 100
"""The page lists the first this many activities; the spreadsheet and the printable page list
them all (a page of thousands of rows took most of its time to render)."""


@bp.get("/projects/<int:project_id>")
@staff_required
def project(project_id: int):
    """A project's results for a period, each figure as a chart with its table."""
    project = db.get_or_404(Project, project_id)
    form, period = _period(project)
    if not form.lang.data:
        form.lang.data = str(get_locale())
    context = _context(project, period, include_names=False)
    activities = context["tables"]["activities"]
    context["tables"]["activities"] = replace(activities, rows=activities.rows[:ACTIVITIES_ON_PAGE])
    return render_template(
        "results/project.html",
        form=form,
        period=period,
        activities_total=len(activities.rows),
        **context,
    )


@bp.get("/projects/<int:project_id>/results.xlsx")
@staff_required
def project_xlsx(project_id: int):
    """The results as a spreadsheet, a sheet per table, in the chosen language; audited."""
    project = db.get_or_404(Project, project_id)
    form, period = _period(project)
    include_names = bool(form.names.data)
    with force_locale(_export_locale(form)):
        results = figures.project_results(project.id, period)
        sheets = tables.all_tables(project, results, _area_names(), include_names)
        content = xlsx.workbook_bytes(sheets)
    _audit_export(project, period, "results_xlsx", include_names, len(results.activities))
    db.session.commit()
    filename = f"results-project-{project.id}-{period.start}-{period.end}.xlsx"
    return Response(
        content,
        mimetype=XLSX_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )


@bp.get("/projects/<int:project_id>/print")
@staff_required
def project_print(project_id: int):
    """The results as a printable page (A4, no navigation), in the chosen language; audited."""
    project = db.get_or_404(Project, project_id)
    form, period = _period(project)
    include_names = bool(form.names.data)
    lang = _export_locale(form)
    with force_locale(lang):
        context = _context(project, period, include_names)
        html = render_template("results/print.html", lang=lang, period=period, **context)
    rows = len(context["results"].activities)
    _audit_export(project, period, "results_print", include_names, rows)
    db.session.commit()
    return html
