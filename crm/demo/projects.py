"""The party's international projects and their needs, read from projects.toml (own wording)."""

import tomllib
from functools import cache
from importlib import resources

from crm.projects import services
from crm.projects.models import Need, Project
from crm.projects.services import LanguageRequirement, NeedData, ProjectData, SkillRequirement

PROJECT_KEYS = frozenset(ProjectData.__dataclass_fields__) - {"countries"}


def _need_data(entry: dict) -> NeedData:
    fields = {k: v for k, v in entry.items() if k not in ("skills", "languages")}
    return NeedData(
        skills=[SkillRequirement(area, level, weight) for area, level, weight in entry["skills"]],
        languages=[LanguageRequirement(c, level, req) for c, level, req in entry["languages"]],
        **fields,
    )


@cache
def demo_projects() -> tuple[tuple[ProjectData, tuple[NeedData, ...]], ...]:
    """The demo projects with their needs, as service input."""
    text = resources.files(__package__).joinpath("projects.toml").read_text(encoding="utf-8")
    result = []
    for entry in tomllib.loads(text)["projects"]:
        project = ProjectData(
            countries=entry.get("countries", []),
            **{k: v for k, v in entry.items() if k in PROJECT_KEYS},
        )
        result.append((project, tuple(_need_data(n) for n in entry.get("needs", []))))
    return tuple(result)


def load_projects() -> tuple[list[Project], list[Need]]:
    """Create the demo projects and their needs through the project services; the caller commits."""
    projects: list[Project] = []
    needs: list[Need] = []
    for project_data, needs_data in demo_projects():
        project = services.create_project(project_data)
        projects.append(project)
        needs.extend(services.create_need(project, data) for data in needs_data)
    return projects, needs
