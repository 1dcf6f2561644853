"""Concurrent participants over HTTP: gunicorn worker processes on one database lose nothing.

30 users in 5 groups post observations and reflections at the same time to the
workbench served by 3 gunicorn workers on a SQLite file with the database
cache (whose ``add`` is the blocks' lock across processes). Every
acknowledged item must be in its group's view afterwards, and no request
may answer 5xx.
"""

from collections import Counter

import pytest

from tests.support.concurrency import run_at_once
from tests.support.server import HandlerClient, sqlite_database, usage_id, workbench_server

GROUPS, MEMBERS, ENTRIES = 5, 6, 3
TABS = {m: ((0, 1) if m == 2 else (0,)) for m in range(MEMBERS)}
SCENARIO = "lessonstudy_cycle.0"




@pytest.mark.load
def test_thirty_users_in_five_groups_lose_nothing_over_http(tmp_path):
    with workbench_server(sqlite_database(tmp_path / "load.db"), workers=3) as base:
        block = usage_id(base, SCENARIO)
        client = {name: HandlerClient(base, block, name) for name in
                  ["staff_load"] + [f"load{g}_{m}" for g in range(GROUPS) for m in range(MEMBERS)]}
        statuses = Counter()

        def call(user, handler, payload):
            status, data, _elapsed = client[user].call_until_stored(handler, payload)
            statuses[status // 100] += 1
            return status, data

        groups = []
        for g in range(GROUPS):
            status, data = call("staff_load", "create_group", {"name": f"Load school {g}",
                                                               "client_id": f"load-group-{g:04d}"})
            assert status == 200, data
            groups.append(data["group"])
        # Everyone joins at once, then looks at the workspace (which repairs a lost roster entry).
        joins = run_at_once([lambda g=g, m=m: call(f"load{g}_{m}", "join_group",
                                                    {"join_code": groups[g]["join_code"]})
                             for g in range(GROUPS) for m in range(MEMBERS)])
        assert all(status in (200, 409) for status, _d in joins), joins
        for g in range(GROUPS):
            for m in range(MEMBERS):
                call(f"load{g}_{m}", "get_state", {})
            assert call(f"load{g}_0", "set_role", {"role": "model_teacher"})[0] == 200
            assert call(f"load{g}_0", "set_phase", {"phase": "do"})[0] == 200

        def observe(g, m, tab):
            return [call(f"load{g}_{m}", "add_observation", {
                "client_id": f"load-obs-{g}-{m}-{tab}-{n}", "focus": "helping",
                "evidence": f"entry {n} of load{g}_{m} in tab {tab}", "minute": n})
                for n in range(ENTRIES)]

        # Member 2 of each group works in two tabs at once (the same user, concurrently).
        observed = run_at_once([lambda g=g, m=m, tab=tab: observe(g, m, tab)
                                for g in range(GROUPS) for m in range(1, MEMBERS) for tab in TABS[m]])
        acknowledged_obs = {(d["observation"]["group_id"], d["observation"]["id"])
                            for batch in observed for status, d in batch if status == 200}

        for g in range(GROUPS):
            assert call(f"load{g}_0", "set_phase", {"phase": "see"})[0] == 200

        posted = run_at_once([lambda g=g, m=m, tab=tab: call(f"load{g}_{m}", "post_reflection", {
            "client_id": f"load-post-{g}-{m}-{tab}", "kind": "impression" if m == 0 else "finding",
            "text": f"reflection of load{g}_{m} in tab {tab}"})
            for g in range(GROUPS) for m in range(MEMBERS) for tab in TABS[m]])
        acknowledged_posts = {(d["post"]["group_id"], d["post"]["id"]) for status, d in posted if status == 200}

        found_obs, found_posts = set(), set()
        for g in range(GROUPS):
            status, state = call(f"load{g}_1", "get_state", {})
            assert status == 200
            found_obs |= {(o["group_id"], o["id"]) for o in state["observations"]}
            found_posts |= {(p["group_id"], p["id"]) for p in state["reflection"]["posts"]}

    busy = sum(c.busy_answers for c in client.values())
    lost_obs = acknowledged_obs - found_obs
    lost_posts = acknowledged_posts - found_posts
    print(f"\nHTTP, 3 gunicorn workers, SQLite + database cache: requests {sum(statuses.values())}, "
          f"2xx {statuses[2]}, 4xx {statuses[4]}, 5xx {statuses[5]}, 429 sent again {busy}; observations acknowledged "
          f"{len(acknowledged_obs)}, found {len(found_obs & acknowledged_obs)}, lost {len(lost_obs)}; "
          f"posts acknowledged {len(acknowledged_posts)}, found {len(found_posts & acknowledged_posts)}, "
          f"lost {len(lost_posts)}")
    assert statuses[5] == 0
    assert len(acknowledged_obs) == GROUPS * sum(len(TABS[m]) for m in range(1, MEMBERS)) * ENTRIES
    assert len(acknowledged_posts) == GROUPS * sum(len(TABS[m]) for m in range(MEMBERS))
    assert not lost_obs and not lost_posts
