"""Put a course's cycle workspace into a known state through its handlers."""

ROLES = {"model_teacher": 0, "moderator": 1, "recorder": 4, "knowledgeable_other": 5}


def seed_group(course, name="SMP Negeri 1 Malang", prefix="g1", members=6, staff="staff_ana"):
    """Create a group with ``members`` people: m0 model teacher, m1 moderator, m2 and m3
    observers, m4 recorder, m5 knowledgeable other. Returns ``(group, usernames)``."""
    group = course.ok(staff, "create_group", {"name": name, "school": name})["group"]
    usernames = [f"{prefix}_m{n}" for n in range(members)]
    for username in usernames:
        course.ok(username, "join_group", {"join_code": group["join_code"]})
    for role, n in ROLES.items():
        if n < members:
            course.ok(usernames[n], "set_role", {"role": role})
    return group, usernames


def move(course, leader, phase):
    """Move the leader's group to ``phase``."""
    return course.ok(leader, "set_phase", {"phase": phase})
