// A select box's list stays open through the scroll events of the moment it opens.
// Streamlit's lists (React Aria) close on any scroll of a box's scroll parents (the sidebar, the
// page). A scroll just before the press (its event comes with the next frame, after the press on a
// busy page: the user scrolled the sidebar to the box) or the box's own focus bringing it into view
// closed the list the press had just opened: a second click was needed (issue 23 item 11). For a
// moment after a press on a box, such scroll events go no further; later ones close the list as ever.
(function () {
  if (window.__atlasOpenLists) return;
  window.__atlasOpenLists = true;
  var MOMENT_MS = 1000;
  var pressed = null;
  var at = 0;
  document.addEventListener('pointerdown', function (e) {
    var box = e.target.closest && e.target.closest('[data-testid=stMultiSelect], [data-testid=stSelectbox]');
    pressed = box;
    at = box ? performance.now() : 0;
  }, true);
  window.addEventListener('scroll', function (e) {
    if (!pressed || performance.now() - at > MOMENT_MS) return;
    var target = e.target;
    if (target === document || (target.contains && target.contains(pressed))) e.stopImmediatePropagation();
  }, true);
})();
