/* Cycle workspace (placeholder until the view is written). */
function LessonStudyCycle(runtime, element, init) {
  "use strict";
}
