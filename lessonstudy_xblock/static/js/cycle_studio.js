/* Studio editor of the cycle workspace (being written). */
function LessonStudyCycleStudio(runtime, element, init) {
  "use strict";
}
