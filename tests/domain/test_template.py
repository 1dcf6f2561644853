"""Authored plan templates (Studio, OLX) are checked and normalised by the domain."""

import copy

import pytest

from lessonstudy_xblock.domain.errors import Invalid
from lessonstudy_xblock.domain.plan import DEFAULT_TEMPLATE, clean_template, template_problems


def test_the_shipped_template_is_clean_and_kept_as_it_is():
    cleaned = clean_template(copy.deepcopy(DEFAULT_TEMPLATE))
    assert [s["id"] for s in cleaned] == [s["id"] for s in DEFAULT_TEMPLATE]
    steps = next(s for s in cleaned if s["type"] == "table")
    assert [row["minutes"] for row in steps["rows"]] == [10, 50, 10]
    assert template_problems(cleaned) == []


def test_normalising_trims_titles_fits_cells_to_columns_and_reads_numbers_written_as_text():
    cleaned = clean_template([
        {"id": "steps", "type": "table", "title": "  Steps  ", "columns": [{"id": "a", "label": " A "},
                                                                         {"id": "b", "label": "B"}],
         "rows": [{"id": "r1", "cells": ["x"], "minutes": "15"}, {"id": "r2", "cells": [], "minutes": ""}]},
        {"id": "seats", "type": "grid", "title": "Seats", "grid": {"rows": "3", "columns": 4}},
        {"id": "who", "type": "fields", "title": "Identity", "fields": [{"id": "school", "label": "School"}]},
    ])
    steps, seats, who = cleaned
    assert steps["title"] == "Steps" and steps["columns"][0]["label"] == "A"
    assert steps["rows"] == [{"id": "r1", "cells": ["x", ""], "minutes": 15},
                             {"id": "r2", "cells": ["", ""], "minutes": None}]
    assert seats["grid"] == {"rows": 3, "columns": 4}
    assert who["fields"] == [{"id": "school", "label": "School"}]


@pytest.mark.parametrize("template,message", [
    ("not a list", "The template must be a list of sections."),
    ([{"id": f"s{n}", "type": "text", "title": "T"} for n in range(31)], "A template has at most 30 sections."),
    (["text"], "Section 1 is not a section."),
    ([{"id": "Bad Id", "type": "text", "title": "T"}], "Section 1 needs its own id"),
    ([{"id": "a", "type": "text", "title": "T"}, {"id": "a", "type": "text", "title": "U"}],
     "Section 2 needs its own id"),
    ([{"id": "a", "type": "video", "title": "T"}], "Section 1 has an unknown type."),
    ([{"id": "a", "type": "text", "title": "  "}], "Section 1 needs a title of at most 200 characters."),
    ([{"id": "a", "type": "text", "title": "T", "guidance": "x" * 10001}], "Section 1: the guidance is too long."),
    ([{"id": "a", "type": "fields", "title": "T", "fields": []}], "Section 1 needs 1 to 20 fields."),
    ([{"id": "a", "type": "fields", "title": "T", "fields": [{"id": "x", "label": ""}]}],
     "Section 1: every field needs its own id and a label."),
    ([{"id": "a", "type": "table", "title": "T", "columns": [{"id": "c", "label": "C"}], "rows": "x"}],
     "Section 1 has too many starting rows."),
    ([{"id": "a", "type": "table", "title": "T", "columns": [{"id": "c", "label": "C"}],
       "rows": [{"id": "r", "cells": []}, {"id": "r", "cells": []}]}],
     "Section 1: every starting row needs its own id."),
    ([{"id": "a", "type": "table", "title": "T", "columns": [{"id": "c", "label": "C"}],
       "rows": [{"id": "r", "cells": ["1", "2"]}]}], "Section 1: a starting row has more cells than columns."),
    ([{"id": "a", "type": "table", "title": "T", "columns": [{"id": "c", "label": "C"}],
       "rows": [{"id": "r", "cells": [], "minutes": -5}]}], "Section 1: planned minutes must be a whole number"),
    ([{"id": "a", "type": "table", "title": "T", "columns": [{"id": "c", "label": "C"}],
       "rows": [{"id": "r", "cells": [], "minutes": True}]}], "Section 1: planned minutes must be a whole number"),
    ([{"id": "a", "type": "grid", "title": "T", "grid": {"rows": 0, "columns": 3}}],
     "Section 1: a seating chart has 1 to 20 rows and columns."),
    ([{"id": "a", "type": "grid", "title": "T", "grid": {"rows": 2, "columns": 21}}],
     "Section 1: a seating chart has 1 to 20 rows and columns."),
])
def test_a_broken_template_is_refused_with_a_sentence_naming_the_section(template, message):
    with pytest.raises(Invalid) as raised:
        clean_template(template)
    assert raised.value.render().startswith(message)
    assert raised.value.field == "template"


def test_validate_warns_about_an_empty_template_and_a_table_without_columns():
    assert template_problems([])[0][0] == "The plan template has no section."
    problems = template_problems([{"id": "t", "type": "table", "title": "Steps", "columns": []}])
    assert problems == [("The table \"%(title)s\" has no column.", {"title": "Steps"})]
