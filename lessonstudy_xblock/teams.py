"""Groups that are the course's teams (Open edX Teams), when the author sets a teamset.

With a teamset id and the runtime's ``teams`` service, a participant's group
is their team in that teamset and its members are the team's members:
joining and leaving happen in the course's Teams tab. Without the service
(Studio preview, content libraries, a site without Teams) the block falls
back to managing its own groups.

Team groups have the id ``team-<team id>``; their members' contributions
live in the members' journals exactly as for block-managed groups, so
switching a block between the two modes loses nothing that was stored.
"""

import logging

from .domain.groups import GroupEntry
from .storage import optional_service

log = logging.getLogger(__name__)

PREFIX = "team-"


def course_id_of(block):
    """The course id as the ``teams`` service wants it (a string)."""
    course_id = getattr(block, "course_id", None)
    if course_id is None:
        usage = block.scope_ids.usage_id
        course_id = getattr(usage, "course_key", None) or getattr(usage, "context_key", "")
    return str(course_id)


#: Why a block's teamset cannot be used (``teams_problem``), as messages for the author.
TEAMS_OFF = "teams_off"
NO_TEAMSET = "no_teamset"


def course_key_of(block):
    """The course key as the platform's services take it (a ``CourseKey`` in the LMS)."""
    return getattr(block.scope_ids.usage_id, "course_key", None) or course_id_of(block)


def teams_configuration(block):
    """The course's teams configuration (``TeamsConfig``), or None when the runtime has no
    ``teams_configuration`` service (Studio preview, content libraries) or it fails."""
    service = optional_service(block, "teams_configuration")
    if service is None:
        return None
    try:
        return service.get_teams_configuration(course_key_of(block))
    except Exception:  # pylint: disable=broad-except
        log.warning("The teams configuration of %s could not be read", course_id_of(block), exc_info=True)
        return None


def teams_problem(block):
    """``TEAMS_OFF`` when the course has Teams turned off, ``NO_TEAMSET`` when it has no teamset
    with the block's id, else None (also when the runtime cannot tell)."""
    configuration = teams_configuration(block)
    if configuration is None:
        return None
    if not getattr(configuration, "is_enabled", True):
        return TEAMS_OFF
    if block.teamset_id not in (getattr(configuration, "teamsets_by_id", None) or {}):
        return NO_TEAMSET
    return None


class TeamsDirectory:
    """The caller's team and the teamset's teams, through the runtime's ``teams`` service."""

    def __init__(self, service, user_service, course_id, teamset_id):
        self.service, self.user_service = service, user_service
        self.course_id, self.teamset_id = course_id, teamset_id
        self._teams = {}

    @classmethod
    def for_block(cls, block, user):
        """The directory when the block uses Teams and the course has them, else None.

        The LMS always offers the ``teams`` service; whether the course has Teams turned on,
        with this teamset, is the course's teams configuration. When it has not, the block
        manages its own groups (and ``validate()`` tells the author why).
        """
        teamset_id = getattr(block, "teamset_id", "")
        if not teamset_id:
            return None
        service = optional_service(block, "teams")
        if service is None or teams_problem(block) is not None:
            return None
        return cls(service, user.service, course_id_of(block), teamset_id)

    def _current_user(self):
        lookup = getattr(self.user_service, "get_user_by_anonymous_id", None)
        return lookup() if lookup is not None else None

    def own_group(self):
        """``team-<id>`` of the caller's team in the teamset, or None."""
        user = self._current_user()
        if user is None:
            return None
        team = self.service.get_team(user, self.course_id, self.teamset_id)
        if team is None:
            return None
        self._teams[team.team_id] = team
        return PREFIX + str(team.team_id)

    def team(self, group_id):
        """The team behind a group id of this teamset, or None."""
        if not group_id or not group_id.startswith(PREFIX):
            return None
        team_id = group_id[len(PREFIX):]
        if team_id not in self._teams:
            team = self.service.get_team_by_team_id(team_id)
            # Team ids are unique on the site, not in the course: a team of another course or
            # teamset is no group here.
            if (team is None or str(getattr(team, "topic_id", self.teamset_id)) != self.teamset_id
                    or str(getattr(team, "course_id", self.course_id)) != self.course_id):
                return None
            self._teams[team_id] = team
        return self._teams[team_id]

    def members(self, group_id):
        """Usernames of a team's members."""
        team = self.team(group_id)
        if team is None:
            return []
        users = team.users.all() if hasattr(team.users, "all") else team.users
        return sorted(user.username for user in users)

    def entry(self, group_id):
        """The group's identity as a group index entry."""
        team = self.team(group_id)
        return GroupEntry(getattr(team, "name", ""), "", "", "", 0)

    def groups(self):
        """Every team of the teamset as ``{"id", "name", "school", "join_code", "member_count"}``."""
        names = self.service.get_team_names(self.course_id, self.teamset_id) or {}
        rows = [{"id": PREFIX + str(team_id), "name": name, "school": "", "join_code": "",
                 "member_count": len(self.members(PREFIX + str(team_id)))}
                for team_id, name in names.items()]
        return sorted(rows, key=lambda row: (row["name"].lower(), row["id"]))

    def detail_url(self, group_id):
        """Where the team's page is in the Teams tab, when the service can tell."""
        team = self.team(group_id)
        try:
            return self.service.get_team_detail_url(team) if team is not None else ""
        except Exception:  # pylint: disable=broad-except
            return ""


def is_enrolled(block, username):
    """Whether ``username`` is actively enrolled in the block's course, by the LMS's
    ``enrollments`` service (``EnrollmentsService.get_active_enrollments_by_course``); None when
    the runtime cannot tell (no service: Studio, the workbench, content libraries)."""
    service = optional_service(block, "enrollments")
    if service is None:
        return None
    course_key = course_key_of(block)
    try:
        enrollments = service.get_active_enrollments_by_course(course_key)
        if hasattr(enrollments, "filter"):  # the LMS answers a QuerySet: one query for one user
            return enrollments.filter(user__username=username).exists()
        return any(getattr(getattr(item, "user", None), "username", None) == username for item in enrollments)
    except Exception:  # pylint: disable=broad-except
        log.warning("Enrollments in %s could not be read", course_key, exc_info=True)
        return None
