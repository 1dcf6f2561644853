"""The ``teams`` and ``teams_configuration`` services of the LMS, for the workbench.

They answer like the LMS's ``lms/djangoapps/teams/services.py: TeamsService``
and ``xmodule/services.py: TeamsConfigurationService`` (see
``shared/reference/openedx-runtime.md`` §2.4–2.5), from the teamsets in the
``LESSONSTUDY_WORKBENCH_TEAMSETS`` setting::

    {"schools": {"name": "Schools", "teams": {
        "smpn5": {"name": "SMP Negeri 5 Malang", "members": ["tim_ani", "tim_bayu"]}}}}

A teamset belongs to the workbench's course (the course id the sdk gives every
block) unless it names another with ``"course_id"``; like the LMS, a team is
found by its id whatever course it belongs to, and carries its course id.
"""

from types import SimpleNamespace

from django.conf import settings

from .services import is_staff


def _teamsets():
    return getattr(settings, "LESSONSTUDY_WORKBENCH_TEAMSETS", {})


class _Users(list):
    """A team's members, with the ``all()`` of a Django related manager."""

    def all(self):
        return list(self)


#: The course id the sdk's runtime gives every block (``workbench/runtime.py``).
WORKBENCH_COURSE_ID = "course-v1:edX+Demo+2020"


def _course_of(teamset):
    return teamset.get("course_id", WORKBENCH_COURSE_ID)


def _team(teamset_id, team_id, data, course_id):
    return SimpleNamespace(team_id=team_id, name=data["name"], course_id=course_id, topic_id=teamset_id,
                           users=_Users(SimpleNamespace(username=u) for u in data.get("members", [])))


def _username(user):
    return getattr(user, "username", user)


class WorkbenchTeamsService:
    """``TeamsService``: a learner's team in a teamset, team names, members."""

    runtime = None

    def get_team(self, user, course_id, topic_id):
        """The user's team in the teamset, or None (course_id must be a string, as in the LMS)."""
        if not isinstance(course_id, str):
            raise TypeError("course_id must be a string")
        username = _username(user)
        teamset = _teamsets().get(topic_id, {})
        if _course_of(teamset) != course_id:
            return None
        for team_id, data in teamset.get("teams", {}).items():
            if username in data.get("members", []):
                return _team(topic_id, team_id, data, course_id)
        return None

    def get_team_names(self, course_id, topic_id):  # pylint: disable=unused-argument
        """``{team_id: name}`` of a teamset."""
        return {team_id: data["name"] for team_id, data in _teamsets().get(topic_id, {}).get("teams", {}).items()}

    def get_team_by_team_id(self, team_id):
        """A team by its id, or None."""
        for teamset_id, teamset in _teamsets().items():
            if team_id in teamset.get("teams", {}):
                return _team(teamset_id, team_id, teamset["teams"][team_id], _course_of(teamset))
        return None

    def get_team_detail_url(self, team):
        """The team's page in the Teams tab."""
        return f"/teams/#teams/{team.topic_id}/{team.team_id}"

    def get_anonymous_user_ids_for_team(self, user, team):
        """Members' anonymous ids; like the LMS, only for a member of the team or staff."""
        from .services import anonymous_user_id  # pylint: disable=import-outside-toplevel

        usernames = [u.username for u in team.users.all()]
        if _username(user) not in usernames and not is_staff(_username(user)):
            raise Exception("User is not a member of the team")  # pylint: disable=broad-exception-raised
        return sorted(anonymous_user_id(name) for name in usernames)


class WorkbenchTeamsConfigurationService:
    """``TeamsConfigurationService``: the course's teamsets."""

    runtime = None

    def get_teams_configuration(self, course_id):  # pylint: disable=unused-argument
        """An object with ``is_enabled``, ``teamsets`` and ``teamsets_by_id``."""
        teamsets = [SimpleNamespace(teamset_id=key, name=value.get("name", key), description="",
                                    teamset_type="public_managed")
                    for key, value in _teamsets().items()]
        enabled = getattr(settings, "LESSONSTUDY_WORKBENCH_TEAMS_ENABLED", True) and bool(teamsets)
        return SimpleNamespace(is_enabled=enabled, teamsets=teamsets,
                               teamsets_by_id={t.teamset_id: t for t in teamsets})
