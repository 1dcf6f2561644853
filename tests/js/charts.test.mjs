// The lesson charts' pure parts (static/js/cycle/charts.js): how entries, steps and focuses are
// named and styled, the same in the See tab, the facilitator's view and the printed report.
import {test} from "node:test";
import assert from "node:assert/strict";
import {loadCore} from "./browser.mjs";

const FILES = ["core/dom.js", "core/i18n.js", "core/video.js", "cycle/charts.js", "cycle/timeline.js",
               "cycle/interaction_map.js"];

const DATA = {
  lesson: {comparison: {steps: [{id: "opening", activity: "Recall halves with a paper strip"},
                                {id: "core", activity: ""}]}},
  focus_categories: [{id: "learning_started", label: "Learning started"}, {id: "helping", label: "Helping"}],
  observations: [{id: "o1", kind: "note", focus: "helping", target: "S07", evidence: "S07 helps S08"},
                 {id: "o2", kind: "interaction", from: "S03", to: "S04", interaction: "asked"}],
  labels: {modes: {group_work: "Group work"}, interactions: {asked: "Asked"}},
};

function setup(data = DATA) {
  const {LessonStudy} = loadCore({}, FILES);
  const helpers = LessonStudy.i18n.forView({language: "en"});
  return {c: LessonStudy.charts.parts.setup(data, helpers), LessonStudy};
}

test("all three charts and the section are on the namespace, the old global too", () => {
  const context = loadCore({}, FILES);
  for (const name of ["comparison", "timeline", "interactionMap", "section"]) {
    assert.equal(typeof context.LessonStudy.charts[name], "function", name);
  }
  assert.equal(context.LessonStudyCharts, context.LessonStudy.charts);
});

test("a focus keeps its colour, shape and letter by its place among the categories", () => {
  const {c} = setup();
  assert.deepEqual({...c.focusStyle("helping")}, {color: "#a4001c", shape: "square", letter: "B"});
  assert.equal(c.focusStyle("learning_started").letter, "A");
  assert.equal(c.focusStyle("interaction").letter, "C", "interactions come right after the categories");
  assert.equal(c.focusStyle("helping"), c.focusStyle("helping"), "the same object every time");
});

test("entries, steps, focuses and modes are named in the reader's words, from the data's labels", () => {
  const {c} = setup();
  assert.equal(c.line(DATA.observations[0], "o1"), "S07: S07 helps S08");
  assert.equal(c.what(DATA.observations[1]), "S03 to S04: Asked");
  assert.equal(c.line(null, "o9"), "Observation entry o9");
  assert.equal(c.stepTitle("opening"), "Step 1: Recall halves with a paper strip");
  assert.equal(c.stepTitle("core"), "Step 2");
  assert.equal(c.stepTitle("elsewhere"), "elsewhere");
  assert.equal(c.focusLabel("helping"), "Helping");
  assert.equal(c.focusLabel("interaction"), "Interaction");
  assert.equal(c.focusLabel(""), "No focus given");
  assert.equal(c.modeLabel("group_work"), "Group work");
  assert.equal(c.modeLabel("unknown_mode"), "unknown_mode");
  assert.equal(c.person({author: {name: "Budi"}}), "Budi");
  assert.equal(c.person({}), "Someone");
});

test("seat labels are compared without case or spaces, times read as clocks", () => {
  const {LessonStudy} = loadCore({}, FILES);
  const {norm, clock, round} = LessonStudy.charts.parts;
  assert.equal(norm("  S04 B "), "s04 b");
  assert.equal(clock(754), "12:34");
  assert.equal(clock("not a time"), "0:00");
  assert.equal(round(1.26), 1.3);
});

test("a plan comparison marks what was added and removed in words as well as colour", () => {
  const {LessonStudy} = loadCore({}, ["core/dom.js", "core/i18n.js", "cycle/plan.js"]);
  const gettext = LessonStudy.i18n.translator({"added": "ditambahkan", "removed": "dihapus"}, "id").gettext;
  const items = LessonStudy.cycle.diffItems([
    {op: "equal", text: "Students fold a strip."},
    {op: "delete", text: "Into halves."},
    {op: "insert", text: "Into thirds."},
  ], gettext);
  assert.deepEqual(items.map((item) => [item.op, item.tag, item.word]),
                   [["equal", null, null], ["delete", "del", "dihapus"], ["insert", "ins", "ditambahkan"]]);
  assert.equal(LessonStudy.cycle.diffItems(undefined, gettext).length, 0);
});
