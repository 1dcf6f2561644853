/* The cycle view's store: what one block's view knows, in one place.
 *
 *   state         the last get_state answer (null before the first)
 *   viewGroupId   staff: the group opened from the Facilitator tab (null: their own, or none)
 *   activeTab     the open tab ("plan", "do", "see", "facilitator")
 *   drafts        what people type, kept across redraws: plan sections, lessons learned, the
 *                 theme, the observation, interaction and post forms, comments, filters
 *   queue         the offline queue (core/queue.js) once the user is known; onQueueChange the open
 *                 panel's redraw of what it shows
 */
(function (LS) {
  "use strict";

  LS.cycle = LS.cycle || {};

  LS.cycle.store = function createStore() {
    const {randomId} = LS.dom;
    const store = {state: null, viewGroupId: null, activeTab: null, draftsKey: null, queue: null, onQueueChange: null};

    store.newObservationDraft = () => ({focus: "", target: "", minute: "", evidence: "", interpretation: "", link: "",
                                        clientId: randomId(20)});
    store.newPostDraft = () => ({kind: "", text: "", cites: [], parentId: null, clientId: randomId(20)});
    store.newInteractionDraft = () => ({from: "", to: "", interaction: "", clientId: randomId(20)});
    store.drafts = {
      plan: {}, lessons: null, theme: null, observation: store.newObservationDraft(), post: store.newPostDraft(),
      sortBy: "time", interaction: store.newInteractionDraft(), comments: {}, filters: {}, seatFor: "target",
    };

    /** Drafts belong to one group and cycle; a new cycle or another group starts them afresh. */
    store.syncDrafts = function syncDrafts() {
      const key = store.state.group ? store.state.group.id + ":" + store.state.cycle.number : "";
      if (key !== store.draftsKey) {
        store.drafts.plan = {};
        store.drafts.lessons = null;
        store.drafts.post = store.newPostDraft();
        store.drafts.theme = null;
        store.activeTab = null;
        store.draftsKey = key;
      }
      for (const [sectionId, draft] of Object.entries(store.drafts.plan)) {
        if (!draft.dirty && !draft.conflict) delete store.drafts.plan[sectionId];
      }
      if (store.drafts.lessons && !store.drafts.lessons.dirty && !store.drafts.lessons.conflict) store.drafts.lessons = null;
    };

    return store;
  };
})(window.LessonStudy = window.LessonStudy || {});
