"""The two forms of an access request's answer: the printable page and the JSON file."""

import json

from flask import Response, render_template

from crm.database import utcnow
from crm.labels import EXPERIENCE_LABELS
from crm.rights.subject_access import json_default
from crm.volunteers.models import Volunteer


def render_subject_access(data: dict, volunteer: Volunteer, for_staff: bool) -> str:
    """The readable page of everything held about the volunteer (templates/rights/data.html)."""
    return render_template(
        "rights/data.html",
        data=data,
        volunteer=volunteer,
        for_staff=for_staff,
        made_at=utcnow(),
        levels=EXPERIENCE_LABELS,
    )


def subject_access_json(data: dict, filename: str = "my-volunteer-data.json") -> Response:
    """The same data as a JSON download, never cached."""
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2, default=json_default),
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
