"""The lessons library for the consultant: every debrief, searched and paginated."""

from flask import render_template, request

from crm.activities import lessons
from crm.activities.debrief_forms import LessonSearchForm
from crm.activities.debrief_views import bp
from crm.auth.access import staff_required
from crm.pagination import requested_page


@bp.get("/consultant/lessons")
@staff_required
def library():
    """All debriefs, by project, country, skill area, "would go again" and words in them."""
    form = LessonSearchForm(request.args)
    form.fill_choices()
    filters = form.filters()
    args = request.args.to_dict()
    args.pop("page", None)
    return render_template(
        "debriefs/library.html",
        form=form,
        page=lessons.search(filters, requested_page()),
        counts=lessons.would_go_again_counts(filters),
        args=args,
    )
