/* The See tab: reflection posts in protocol order with cited evidence, the lessons learned, the
 * anticipated-vs-observed charts, the group's observations sorted for the discussion, earlier cycles.
 *
 * Installed on the view's context by cycle/main.js (see cycle/context.js for what `ui` holds).
 */
(function (LS) {
  "use strict";

  LS.cycle = LS.cycle || {};

  LS.cycle.see = function installSee(ui) {
    const {store} = ui;
    const {h, randomId} = LS.dom;
    const {
      INTERACTION_VERBS, KIND_HEADINGS, KIND_OPTIONS, MAX_MINUTES, POST_KINDS, announce, block, button, commentList,
      field, focusLabel, gettext, host, id, init, input, interpolate, note, perm, personName, refuseEmpty,
      savedBy, select, send, setFieldError, setStatus, statusRegion, submit, textarea, timeNode, when, withGroup
    } = ui;

    /* See -------------------------------------------------------------------------------- */

    function seePanel() {
      const postsHost = h("div", {class: "ls-posts"});
      const queueBox = h("div", {class: "ls-queue"});
      const awaitingHost = h("div", {});
      const drawPosts = () => {
        ui.redrawIn(postsHost, ...postGroups());
        ui.redrawIn(awaitingHost, quickNotesWithoutEvidence());
        ui.redrawIn(queueBox, ...ui.queueLine("post_reflection", gettext("Posts waiting to send: %(count)s.")));
      };
      const formHost = h("div", {});
      const drawForm = (focusId) => {
        formHost.replaceChildren(postForm(drawPosts, drawForm));
        if (focusId) formHost.querySelector("#" + CSS.escape(focusId)).focus();
      };
      drawPosts();
      store.onQueueChange = drawPosts;
      postsHost.addEventListener("ls-reply", () => drawForm(id("post-text")));
      redrawPostForm = (perm().post || []).length ? () => drawForm(id("post-text")) : null;
      if (redrawPostForm) drawForm();
      return h("div", {class: "ls-see"},
        store.state.cycle.phase !== "see" ? note(gettext("Reflection posts are written in the See phase."), "info") : null,
        store.state.cycle.phase === "see" ? sessionPanel() : null,
        didItWork(),
        postsHost, formHost, queueBox, lessonCharts(), lessonsSection(), awaitingHost, discussionObservations(),
        historySection());
    }

    let redrawPostForm = null;

    /* Follow-through: did last cycle's changes work? ------------------------------------ */

    function didItWork() {
      const links = store.state.follow_through || [];
      if (!links.length) return null;
      const verdicts = (store.state.labels || {}).verdicts || {};
      const canAnswer = (store.state.is_member || store.state.user.is_staff) && ["do", "see"].includes(store.state.cycle.phase);
      return h("section", {class: "ls-panel ls-did-it-work", "aria-labelledby": id("work-heading")},
        h("h3", {id: id("work-heading"), text: gettext("Did the changes from the last cycle work?")}),
        h("ul", {class: "ls-follow-list"}, links.map((link) => h("li", {},
          h("p", {}, h("strong", {text: interpolate(gettext("Cycle %(number)s:"), {number: link.lesson_cycle}) + " "}), link.lesson),
          h("p", {class: "ls-meta", text: "→ " + link.section_title + (link.focus_label ? " · " + interpolate(gettext("observation focus: %(focus)s"), {focus: link.focus_label}) : "")}),
          link.reviews.map((review) => h("p", {class: "ls-text"}, h("strong", {text: (verdicts[review.verdict] || review.verdict) + ": "}),
            review.evidence, " (", personName(review.author), ")")),
          !link.reviews.length ? h("p", {class: "ls-hint", text: gettext("Not answered yet.")}) : null,
          canAnswer ? reviewForm(link, verdicts) : null))));
    }

    function reviewForm(link, verdicts) {
      const key = "review-" + link.id;
      const region = statusRegion(key);
      const group = id(key, "verdict");
      const choices = Object.entries(verdicts).map(([value, label], index) => h("div", {class: "ls-check"},
        h("input", {type: "radio", name: group, id: id(key, value), value, checked: index === 0}),
        h("label", {for: id(key, value), text: label})));
      const evidence = textarea(key + "-evidence", "", {rows: 3, maxlength: 4000}, () => undefined);
      const form = h("form", {class: "ls-review-form", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        if (refuseEmpty(form, evidence, evidence.value, gettext("Say what you saw students do: the evidence that it worked or not."))) return;
        const verdict = form.querySelector("input[type=radio]:checked").value;
        const result = await submit(form, region, {evidence}, "review_change", withGroup({
          client_id: randomId(20), link_id: link.id, verdict, evidence: evidence.value.trim()}));
        if (result && result.ok) {
          store.state.follow_through = result.data.follow_through;
          ui.render();
          ui.focusFirstOf(id("work-heading"));
          announce(gettext("Your answer is saved."));
        }
      }},
        h("fieldset", {}, h("legend", {text: gettext("Did it work?")}), choices),
        field(gettext("Evidence from the open class"), evidence),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", text: gettext("Save answer")})),
        region);
      return h("details", {class: "ls-link-box"}, h("summary", {text: gettext("Answer: did it work?")}), form);
    }

    /* The guided reflection session ------------------------------------------------------- */

    let sessionTimer = null;

    /** Whose turn it is, for everyone; the moderator's controls; the recorder's minutes. While a
     * session runs and the See tab is visible, the view is read again every 20 s (not while
     * someone types) so the turn moves on every screen. */
    function sessionPanel() {
      const reflection = store.state.reflection || {};
      const state = reflection.session || {active: false, turns: []};
      const role = store.state.my_role;
      const leads = role === "moderator" || store.state.user.is_staff;
      const keepsMinutes = ["recorder", "moderator"].includes(role) || store.state.user.is_staff;
      const turnLabels = (store.state.labels || {}).turns || {};
      const region = statusRegion("session");
      const act = async (body, done) => {
        const result = await send("reflection_session", withGroup(body));
        if (result.ok) {
          store.state.reflection.session = result.data.session;
          await ui.load();
          ui.focusFirstOf(id("session-heading"));
          announce(done);
        } else {
          setStatus(region, result.data.error || gettext("The session could not be changed."), true);
        }
      };
      clearInterval(sessionTimer);
      if (state.active) {
        sessionTimer = setInterval(() => {
          const panel = ui.host.querySelector("#" + id("session-heading"));
          if (!panel) {
            clearInterval(sessionTimer);
            return;
          }
          const typing = document.activeElement && /^(TEXTAREA|INPUT|SELECT)$/.test(document.activeElement.tagName);
          if (!document.hidden && !typing) ui.load();
        }, 20000);
      }
      const quiet = h("p", {class: "ls-quiet", id: id("quiet-left"), role: "timer", "aria-live": "off"});
      const quietEnd = Date.now() + (state.quiet_left || 0);  // the server's count, on this device's clock
      const tickQuiet = () => {
        const left = Math.max(0, quietEnd - Date.now());
        quiet.textContent = left > 0 ? interpolate(gettext("Quiet review: %(time)s left. Read the notes and the anticipated-vs-observed comparison below."),
          {time: LS.video.hms(Math.ceil(left / 1000))}) : gettext("The quiet review is over.");
      };
      const current = state.turns[state.turn] || {id: "quiet", people: []};
      const questions = store.state.observation_questions || [];
      const body = !state.active ? [
        h("p", {text: gettext("An optional guided session: a quiet review of the notes, then turns in the protocol's order. Posting stays open to everyone at any time.")}),
        leads ? h("div", {class: "ls-row"},
          field(gettext("Minutes of quiet review"), input("quiet-minutes", "10", {type: "number", min: 0, max: 30, inputmode: "numeric",
                                                                                class: "ls-minutes"}, () => undefined)),
          h("div", {class: "ls-actions"}, button(gettext("Start the reflection session"), () => {
            const minutes = Number(ui.host.querySelector("#" + id("quiet-minutes")).value || 10);
            act({action: "start", quiet_minutes: minutes}, gettext("The reflection session has started."));
          }, {id: id("session-start"), class: "ls-button ls-primary"}))) : null,
      ] : [
        h("p", {class: "ls-turn-now", id: id("turn-now")},
          h("strong", {text: interpolate(gettext("Turn %(n)s of %(total)s:"), {n: state.turn + 1, total: state.turns.length}) + " "}),
          turnLabels[current.id] || current.id,
          current.people.length ? " · " + current.people.join(", ") : ""),
        current.id === "quiet" ? quiet : null,
        current.id === "observers" && questions.length ? h("div", {class: "ls-prompt-questions"},
          h("p", {text: gettext("Share facts about students, as the observation sheet asks:")}),
          h("ul", {}, questions.map((q) => h("li", {text: q.text})))) : null,
        h("ol", {class: "ls-turns"}, state.turns.map((turn, index) => h("li", {"aria-current": index === state.turn ? "step" : null,
          class: index === state.turn ? "ls-turn-current" : null},
        turnLabels[turn.id] || turn.id, turn.people.length ? " · " + turn.people.join(", ") : ""))),
        leads ? h("div", {class: "ls-actions"},
          state.turn > 0 ? button(gettext("Previous turn"), () => act({action: "turn", turn: state.turn - 1},
            gettext("The session moved back a turn.")), {id: id("turn-back")}) : null,
          state.turn < state.turns.length - 1 ? button(gettext("Next turn"), () => act({action: "turn", turn: state.turn + 1},
            gettext("The session moved to the next turn.")), {id: id("turn-next"), class: "ls-button ls-primary"}) : null,
          button(gettext("End the session"), () => act({action: "end"}, gettext("The reflection session has ended.")),
                 {id: id("session-end")})) : null,
      ];
      if (state.active && current.id === "quiet") {
        tickQuiet();
        const ticking = setInterval(() => (quiet.isConnected ? tickQuiet() : clearInterval(ticking)), 1000);
      }
      return h("section", {class: "ls-panel ls-session", "aria-labelledby": id("session-heading")},
        h("h3", {id: id("session-heading"), tabindex: "-1", text: gettext("Reflection session")}),
        body, region, minutesPanel(reflection.minutes || [], keepsMinutes));
    }

    /** The recorder's (notulis) running minutes, apart from the summary post; the entries a minute
     * names are linked to it. */
    function minutesPanel(minutes, keepsMinutes) {
      if (!minutes.length && !keepsMinutes) return null;
      const byId = Object.fromEntries((store.state.observations || []).map((entry) => [entry.id, entry]));
      const draft = store.drafts.minute || (store.drafts.minute = {text: "", clientId: randomId(20)});
      const region = statusRegion("minute");
      const area = textarea("minute-text", draft.text, {rows: 3, maxlength: 4000}, (value) => { draft.text = value; });
      const form = keepsMinutes ? h("form", {class: "ls-minute-form", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        if (refuseEmpty(form, area, draft.text, gettext("Write what was said or agreed."))) return;
        const result = await submit(form, region, {text: area}, "add_minute",
                                    withGroup({client_id: draft.clientId, text: draft.text.trim()}));
        if (result && result.ok) {
          store.state.reflection.minutes = result.data.minutes;
          store.drafts.minute = null;
          ui.render();
          ui.focusFirstOf(id("minute-text"));
          announce(gettext("Added to the minutes."));
        }
      }},
        field(gettext("Add to the minutes"), area, {hint: gettext("Name students by their code (S07, Group 3): the entries about them are linked.")}),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button", text: gettext("Add to the minutes")})),
        region) : null;
      return h("div", {class: "ls-minutes-log"},
        h("h4", {text: gettext("Minutes of the discussion")}),
        minutes.length ? h("ol", {}, minutes.map((minute) => h("li", {},
          h("p", {class: "ls-text", text: minute.text}),
          minute.links.length ? h("p", {class: "ls-meta"}, gettext("Evidence named:") + " ",
            minute.links.map((entryId) => byId[entryId]).filter(Boolean).map((entry) =>
              (entry.target || entry.from || "") + " (" + focusLabel(entry.focus) + ")").join("; ")) : null,
          h("p", {class: "ls-meta"}, personName(minute.author), ", ", timeNode(minute.at))))) : h("p", {class: "ls-hint",
          text: gettext("No minutes yet.")}),
        form);
    }

    /** A refused post back into the form, with the server's message. */
    function editPost(item) {
      const body = item.body;
      Object.assign(store.drafts.post, {kind: body.kind, text: body.text, cites: body.cites || [], parentId: body.parent_id || null,
                                  clientId: item.id});
      if (!redrawPostForm) return;
      redrawPostForm();
      const text = host.querySelector("#" + id("post-text"));
      setFieldError(text, item.error);
    }

    /** Anticipated and observed: the comparison, timeline and interaction map (cycle/charts.js), in See. */
    function lessonCharts() {
      if (!window.LessonStudyCharts || !store.state.lesson || store.state.cycle.phase !== "see") return null;
      return window.LessonStudyCharts.section(h("section", {class: "ls-panel"}), store.state,
                                              {gettext, interpolate, language: init.language, element: block, id});
    }

    function postGroups() {
      const stored = (store.state.reflection && store.state.reflection.posts) || [];
      const items = ui.queued("post_reflection");
      const have = new Set(stored.map((p) => p.client_id));
      const posts = stored.concat(items.filter((item) => !have.has(item.id) && (item.body.group_id || null) === store.viewGroupId)
        .map((item) => Object.assign({}, item.body, {id: item.id, client_id: item.id, at: item.at, waiting: true,
                                                     author: {id: store.state.user.id, name: store.state.user.name}})));
      const canReply = (perm().post || []).includes("reply");
      return POST_KINDS.map((kind) => {
        const ofKind = posts.filter((p) => p.kind === kind);
        let empty = null;
        if (!ofKind.length) {
          empty = note(kind === "impression" ? gettext("Awaiting the model teacher's impressions.") : gettext("No posts yet."));
        }
        return h("section", {class: "ls-post-group"},
          h("h3", {text: KIND_HEADINGS[kind]}),
          store.state.prompts && store.state.prompts[kind] ? h("p", {class: "ls-prompt", text: store.state.prompts[kind]}) : null,
          empty, ofKind.length ? h("ul", {class: "ls-post-list"}, ofKind.map((p) => postItem(p, posts, canReply && !p.waiting, items))) : null);
      });
    }

    function postItem(post, posts, canReply, items) {
      const parent = post.parent_id ? posts.find((p) => p.id === post.parent_id) : null;
      const cited = (post.cites || []).map((cid) => (store.state.observations || []).find((o) => o.id === cid) || {id: cid});
      return h("li", {class: "ls-post", id: id("post", post.id)},
        h("p", {class: "ls-meta"}, h("strong", {text: personName(post.author)}), ", ", timeNode(post.at)),
        post.opinion ? h("p", {class: "ls-opinion", text: gettext("Opinion: no evidence cited")}) : null,
        post.no_student_facts && !post.opinion ? h("p", {class: "ls-opinion",
          text: gettext("Names no student, seat or entry: add the facts about students you saw")}) : null,
        parent ? h("p", {class: "ls-reply-to"}, h("a", {href: "#" + id("post", parent.id),
          text: interpolate(gettext("In reply to %(name)s"), {name: personName(parent.author)})})) : null,
        h("div", {class: "ls-text", text: post.text}),
        cited.length ? h("div", {class: "ls-cites"},
          h("p", {class: "ls-label", text: gettext("Evidence cited:")}),
          h("ul", {}, cited.map((entry) => h("li", {text: entrySummary(entry)})))) : null,
        commentList(post.comments),
        items ? ui.queueBadge(post.client_id, items, editPost) : null,
        canReply ? button(gettext("Reply"), (event) => {
          Object.assign(store.drafts.post, {kind: "reply", parentId: post.id});
          event.target.dispatchEvent(new CustomEvent("ls-reply", {bubbles: true}));
        }, {"aria-label": interpolate(gettext("Reply to %(name)s"), {name: personName(post.author)})}) : null);
    }

    function entrySummary(entry) {
      if (entry.kind === "interaction") {
        return [entry.from + " → " + entry.to, INTERACTION_VERBS[entry.interaction] || entry.interaction,
                entry.minute != null ? interpolate(gettext("minute %(minute)s"), {minute: entry.minute}) : ""].filter(Boolean).join(" · ");
      }
      if (!entry.evidence) return interpolate(gettext("Observation entry %(id)s"), {id: entry.id});
      const where = [focusLabel(entry.focus), entry.target,
                     entry.minute != null ? interpolate(gettext("minute %(minute)s"), {minute: entry.minute}) : ""];
      return where.filter(Boolean).join(" · ") + ": " + entry.evidence;
    }

    function postForm(drawPosts, drawForm) {
      const allowed = perm().post || [];
      const draft = store.drafts.post;
      if (!allowed.includes(draft.kind)) Object.assign(draft, {kind: allowed[0], parentId: null});
      if (draft.kind !== "reply") draft.parentId = null;
      const posts = (store.state.reflection && store.state.reflection.posts) || [];
      const parent = draft.parentId ? posts.find((p) => p.id === draft.parentId) : null;
      const region = statusRegion("post");
      const kind = select("post-kind", allowed.map((k) => [k, KIND_OPTIONS[k]]), draft.kind, (value) => {
        draft.kind = value;
        drawForm(id("post-kind"));
      });
      const text = textarea("post-text", draft.text, {rows: 5, maxlength: 8000}, (value) => { draft.text = value; });
      const form = h("form", {class: "ls-panel ls-post-form", novalidate: true, onsubmit: (event) => {
        event.preventDefault();
        if (refuseEmpty(form, text, draft.text, gettext("Write your post first."))) {
          setStatus(region, gettext("Write your post first."), true);
          return;
        }
        const body = withGroup({client_id: draft.clientId, kind: draft.kind, text: draft.text.trim(),
                                cites: draft.kind === "finding" ? draft.cites : [], parent_id: draft.parentId});
        store.drafts.post = Object.assign(store.newPostDraft(), {kind: draft.kind === "reply" ? allowed[0] : draft.kind});
        drawForm(id("post-text"));  // the old form, and the focus in it, is gone: keep writing here
        ui.enqueue("post_reflection", body, "post");  // reported in the new form's status region
        drawPosts();
      }},
        h("h3", {text: gettext("Write a post")}),
        field(gettext("Kind of post"), kind),
        parent ? h("div", {class: "ls-replying"},
          h("p", {id: id("replying")}, interpolate(gettext("Replying to %(name)s:"), {name: personName(parent.author)}), " ",
            h("q", {text: parent.text.length > 140 ? parent.text.slice(0, 140) + "…" : parent.text})),
          button(gettext("Cancel"), () => {
            Object.assign(draft, {parentId: null, kind: allowed.find((k) => k !== "reply") || "reply"});
            drawForm(id("post-kind"));
          }, {"aria-describedby": id("replying")})) : null,
        field((store.state.prompts && store.state.prompts[draft.kind]) || KIND_OPTIONS[draft.kind], text),
        draft.kind === "finding" ? citeChecklist(draft) : null,
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Post reflection")})),
        region);
      return form;
    }

    function citeChecklist(draft) {
      const own = (store.state.observations || []).filter((o) => o.author && o.author.id === store.state.user.id && o.kind !== "mode");
      return h("fieldset", {class: "ls-cites-field"},
        h("legend", {text: gettext("Your observation entries to cite as evidence")}),
        own.length ? own.map((entry) => h("div", {class: "ls-check"},
          h("input", {type: "checkbox", id: id("cite", entry.id), checked: draft.cites.includes(entry.id), onchange: (e) => {
            draft.cites = e.target.checked ? draft.cites.concat(entry.id) : draft.cites.filter((x) => x !== entry.id);
          }}),
          h("label", {for: id("cite", entry.id), text: entrySummary(entry)})))
          : h("p", {text: gettext("You have no observation entries in this cycle. A finding without cited evidence is marked as opinion.")}));
    }

    function addPost(newPost) {
      const posts = store.state.reflection.posts;
      if (!posts.some((p) => p.id === newPost.id)) posts.push(newPost);
      posts.sort((a, b) => POST_KINDS.indexOf(a.kind) - POST_KINDS.indexOf(b.kind) || a.at - b.at || (a.id < b.id ? -1 : 1));
    }

    /* Lessons learned ------------------------------------------------------------------ */

    function lessonsDraft() {
      const saved = store.state.reflection.lessons_learned;
      if (!store.drafts.lessons) {
        store.drafts.lessons = {items: (saved.items || []).join("\n"), revisions: saved.revisions || "",
                          base: saved.revision, dirty: false, conflict: null};
      }
      return store.drafts.lessons;
    }

    function lessonsView(lessons) {
      if (!lessons || (!lessons.items.length && !lessons.revisions)) return h("p", {}, h("em", {text: gettext("None yet.")}));
      return h("div", {class: "ls-lessons-view"},
        lessons.items.length ? h("ul", {}, lessons.items.map((item) => h("li", {class: "ls-text", text: item}))) : null,
        lessons.revisions ? h("p", {class: "ls-text"},
          h("span", {class: "ls-label", text: gettext("Agreed revisions:") + " "}), lessons.revisions) : null);
    }

    function lessonsSection() {
      const saved = store.state.reflection.lessons_learned;
      const wrapper = h("section", {class: "ls-panel ls-lessons"}, h("h3", {text: gettext("Lessons learned")}));
      if (!perm().save_lessons) {
        wrapper.append(lessonsView(saved), h("p", {class: "ls-meta", text: savedBy(saved.author, saved.saved_at)}));
        return wrapper;
      }
      const draft = lessonsDraft();
      const region = statusRegion("lessons");
      const meta = h("p", {class: "ls-meta", text: savedBy(saved.author, saved.saved_at)});
      const conflicts = h("div", {class: "ls-conflicts"});
      const newer = h("div", {class: "ls-newer"});
      const items = textarea("lessons-items", draft.items, {rows: 6}, (value) => { draft.items = value; draft.dirty = true; });
      const revisions = textarea("lessons-revisions", draft.revisions, {rows: 4, maxlength: 8000},
                                 (value) => { draft.revisions = value; draft.dirty = true; });
      const fill = (lessons) => {
        draft.items = items.value = (lessons.items || []).join("\n");
        draft.revisions = revisions.value = lessons.revisions || "";
      };
      const drawNewer = () => newer.replaceChildren(...(draft.conflict ? [
        h("h4", {text: interpolate(gettext("Newer text by %(name)s, %(time)s"),
                                   {name: personName(draft.conflict.author), time: when(draft.conflict.saved_at)})}),
        lessonsView(draft.conflict),
        h("div", {class: "ls-actions"},
          button(gettext("Use the newer text"), () => {
            fill(draft.conflict);
            Object.assign(draft, {base: draft.conflict.revision, conflict: null, dirty: false});
            drawNewer();
            setStatus(region, gettext("The newer text is in the editor."));
            items.focus();
          }),
          button(gettext("Keep editing my text"), () => {
            Object.assign(draft, {base: draft.conflict.revision, conflict: null});
            drawNewer();
            setStatus(region, gettext("Your text is kept. Saving it now replaces the newer text."));
            items.focus();
          }))] : []));
      const drawConflicts = (lessons) => conflicts.replaceChildren(...((lessons.conflicts || []).length ? [
        note(gettext("Two people changed the same earlier text at the same moment. Both versions are kept: compare them and save the text the group agrees on."), "warning"),
        lessons.conflicts.map((version) => h("div", {class: "ls-version"},
          h("h4", {text: interpolate(gettext("Other version by %(name)s, %(time)s"),
                                     {name: personName(version.author), time: when(version.saved_at)})}),
          lessonsView(version),
          button(interpolate(gettext("Use the version by %(name)s"), {name: personName(version.author)}), () => {
            fill(version);
            draft.dirty = true;
          })))].flat() : []));
      const form = h("form", {class: "ls-lessons-form", novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const sent = {items: draft.items.split("\n").map((x) => x.trim()).filter(Boolean), revisions: draft.revisions.trim()};
        const snapshot = draft.items + "\u0000" + draft.revisions;
        const result = await submit(form, region, {items, revisions}, "save_lessons_learned",
                                    withGroup(Object.assign({base_revision: draft.base}, sent)));
        if (!result) return;
        if (result.ok) {
          const lessons = result.data.lessons_learned;
          store.state.reflection.lessons_learned = lessons;
          Object.assign(draft, {base: lessons.revision, conflict: null,
                                dirty: draft.items + "\u0000" + draft.revisions !== snapshot});
          meta.textContent = savedBy(lessons.author, lessons.saved_at);
          drawConflicts(lessons);
          drawNewer();
        } else if (result.status === 409 && result.data.current) {
          draft.conflict = result.data.current;
          store.state.reflection.lessons_learned = result.data.current;
          meta.textContent = savedBy(draft.conflict.author, draft.conflict.saved_at);
          drawConflicts(draft.conflict);
          drawNewer();
          setStatus(region, result.data.error, true);
        }
      }},
        h("div", {class: "ls-compare"},
          h("div", {},
            field(gettext("Lessons learned"), items, {hint: gettext("One lesson per line.")}),
            field(gettext("Agreed revisions"), revisions, {hint: gettext("What the group will change in the plan for the next cycle.")})),
          newer),
        h("div", {class: "ls-actions"}, h("button", {type: "submit", class: "ls-button ls-primary", text: gettext("Save lessons learned")})),
        region);
      drawConflicts(saved);
      drawNewer();
      wrapper.append(meta, conflicts, form);
      return wrapper;
    }

    /** The group's entries to prepare the discussion: filters, sorting, and how many name each seat. */
    function discussionObservations() {
      const entries = (store.state.observations || []).filter((entry) => entry.kind !== "mode");
      if (!entries.length) return null;
      const f = store.drafts.filters;
      const grid = ui.seating();
      const list = h("ul", {class: "ls-entries"});
      const shownCount = h("p", {class: "ls-meta", role: "status"});
      const mapHost = h("div", {});
      const order = (store.state.focus_categories || []).map((c) => c.id);
      const byMinute = (a, b) => (a.minute ?? Infinity) - (b.minute ?? Infinity) || a.at - b.at;
      const seatOf = (e) => e.target || e.from || "\uffff";
      const sorters = {
        time: byMinute,
        target: (a, b) => seatOf(a).localeCompare(seatOf(b), init.language, {numeric: true}) || byMinute(a, b),
        focus: (a, b) => order.indexOf(a.focus) - order.indexOf(b.focus) || byMinute(a, b),
        author: (a, b) => personName(a.author).localeCompare(personName(b.author), init.language) || byMinute(a, b),
      };
      const within = (minute, bound, inside) => !String(bound ?? "").trim() || (minute != null && inside(minute, Number(bound)));
      // A student is a seat of the chart ("seat:<id>", whatever an entry typed), or a text no seat
      // has ("text:<text>", a group or a student off the chart).
      const ends = (e) => [["seat", "target"], ["from_seat", "from"], ["to_seat", "to"]]
        .map(([seat, text]) => (e[seat] ? "seat:" + e[seat] : e[text] && e[text].trim() ? "text:" + ui.norm(e[text]) : ""))
        .filter(Boolean);
      const matches = (e, bySeat) => (!bySeat || !f.seat || ends(e).includes(f.seat)) &&
        (!f.focus || e.focus === f.focus) && (!f.author || (e.author && e.author.id === f.author)) &&
        within(e.minute, f.from, (m, b) => m >= b) && within(e.minute, f.to, (m, b) => m <= b);
      const seats = new Map(Object.entries(ui.seatNames(grid)).map(([seatId, label]) => ["seat:" + seatId, label]));
      for (const e of entries) {
        for (const [seat, text] of [["seat", "target"], ["from_seat", "from"], ["to_seat", "to"]]) {
          if (!e[seat] && e[text] && e[text].trim() && !seats.has("text:" + ui.norm(e[text]))) seats.set("text:" + ui.norm(e[text]), e[text].trim());
        }
      }
      const people = new Map(entries.filter((e) => e.author).map((e) => [e.author.id, personName(e.author)]));
      const all = [["", gettext("All")]];
      const choose = (name) => (value) => { f[name] = value; draw(); };
      const seatSelect = select("filter-seat", all.concat([...seats].sort((a, b) =>
        a[1].localeCompare(b[1], init.language, {numeric: true}))), f.seat || "", choose("seat"));
      const minuteInput = (name) => input("filter-" + name, f[name] || "", {type: "number", min: 0, max: MAX_MINUTES,
                                                                            inputmode: "numeric", class: "ls-minutes"}, choose(name));
      const draw = () => {
        const shown = entries.filter((e) => matches(e, true)).sort(sorters[store.drafts.sortBy] || sorters.time);
        list.replaceChildren(...shown.map((entry) => ui.entryItem(entry)));
        shownCount.textContent = interpolate(gettext("Showing %(shown)s of %(total)s entries."), {shown: shown.length, total: entries.length});
        if (grid) {
          const chosenSeat = f.seat && f.seat.startsWith("seat:") ? [f.seat.slice(5)] : [];
          ui.redrawIn(mapHost, ui.seatChart(grid, ui.seatCounts(entries.filter((e) => matches(e, false))), (seatId) => {
            f.seat = f.seat === "seat:" + seatId ? "" : "seat:" + seatId;
            seatSelect.value = f.seat;
            draw();
          }, chosenSeat, gettext("Entries per seat"), "heat"));
        }
      };
      draw();
      return h("section", {class: "ls-panel ls-discussion"},
        h("h3", {text: gettext("Observations of the group")}),
        h("p", {class: "ls-hint", text: gettext("Filter and sort the entries to prepare the discussion.")}),
        h("div", {class: "ls-filters"},
          field(gettext("Student or seat"), seatSelect),
          field(gettext("Focus"), select("filter-focus", all.concat(order.map((c) => [c, focusLabel(c)])), f.focus || "", choose("focus"))),
          field(gettext("Observer"), select("filter-author", all.concat([...people]), f.author || "", choose("author"))),
          field(gettext("From minute"), minuteInput("from")),
          field(gettext("To minute"), minuteInput("to")),
          field(gettext("Sort observations by"), select("sort", [
            ["time", gettext("Lesson minute and time")], ["target", gettext("Student or group observed")],
            ["focus", gettext("Focus category")], ["author", gettext("Observer")]],
          store.drafts.sortBy, (value) => { store.drafts.sortBy = value; draw(); }))),
        grid ? h("section", {class: "ls-heat", "aria-labelledby": id("heat-heading")},
          h("h4", {id: id("heat-heading"), text: gettext("Entries per seat")}),
          h("p", {class: "ls-hint", text: gettext("The darker the seat, the more of the entries shown name it. Choose a seat to show only its entries.")}),
          mapHost) : null,
        ui.videoPlayer(), shownCount, list);
    }

    /** Quick notes still waiting for their evidence (a one-tap mark in Do): the group sees them
     * before the discussion; each observer adds the evidence to their own. */
    function quickNotesWithoutEvidence() {
      const waiting = (store.state.observations || []).filter(ui.awaitsEvidence);
      if (!waiting.length) return null;
      return h("section", {class: "ls-panel ls-awaiting", "aria-labelledby": id("awaiting-heading")},
        h("h3", {id: id("awaiting-heading"), text: interpolate(gettext("Quick notes without evidence (%(count)s)"), {count: waiting.length})}),
        h("p", {class: "ls-hint", text: gettext("A finding needs facts about students: the observer who made a quick note adds what they saw.")}),
        h("ul", {class: "ls-entries"}, waiting.map((entry) => ui.entryItem(entry, ui.queued("amend_observation")))));
    }

    function historySection() {
      const history = store.state.history || [];
      if (!history.length) return null;
      return h("section", {class: "ls-panel ls-history"},
        h("h3", {text: gettext("Lessons learned in earlier cycles")}),
        history.slice().reverse().map((entry) => h("div", {},
          h("h4", {text: interpolate(gettext("Cycle %(number)s"), {number: entry.cycle})}),
          lessonsView(entry.lessons_learned))));
    }

    Object.assign(ui, {addPost, lessonsView, seePanel});
  };
})(window.LessonStudy = window.LessonStudy || {});
