"""The mouse wheel over a long table scrolls the page, as it does over the maps (issue 23 item 2).
Not a page itself.

Streamlit's tables scroll inside themselves: with the pointer over the ranking's 17,000 rows the
wheel moved the table, never the page, and the user was stuck. The script below, served inline by
the app itself, gives the wheel to the page while the pointer is over a table that has rows to
scroll, and shows a hint; a click in the table hands it the wheel until the pointer leaves it
(as web maps do with Ctrl). A table without rows to scroll, sideways scrolling (Shift + wheel, a
trackpad's sideways swipe), Ctrl + wheel (the browser's zoom) and touch are left as they are.
"""

from __future__ import annotations

import json

import streamlit as st

from geo.messages import Lang, t

_SCRIPT = """
<script>
(function () {
  window.__atlasTableHint = %(hint)s;
  if (window.__atlasTableWheel) return;
  window.__atlasTableWheel = true;
  var engaged = null, hint = null, timer = 0;
  function tableOf(node) {
    return node && node.closest ? node.closest('[data-testid="stDataFrame"]') : null;
  }
  function scrollsInside(table) {
    var s = table.querySelector('.dvn-scroller');
    return !!s && s.scrollHeight > s.clientHeight + 1;
  }
  function showHint(table) {
    if (!hint) {
      hint = document.createElement('div');
      hint.className = 'atlas-table-hint';
      hint.setAttribute('role', 'status');
      hint.style.cssText = 'position:fixed;z-index:1000;transform:translate(-50%%,-50%%);padding:6px 12px;'
        + 'border-radius:4px;background:rgba(49,51,63,.85);color:#fff;font-size:14px;pointer-events:none;'
        + 'opacity:0;transition:opacity .3s';
      document.body.appendChild(hint);
    }
    var r = table.getBoundingClientRect(), top = Math.max(r.top, 0);
    var bottom = Math.min(r.bottom, window.innerHeight);
    hint.textContent = window.__atlasTableHint;
    hint.style.left = (r.left + r.width / 2) + 'px';
    hint.style.top = ((top + bottom) / 2) + 'px';
    hint.style.opacity = '1';
    hint.classList.add('atlas-show');
    clearTimeout(timer);
    timer = setTimeout(function () { hint.style.opacity = '0'; hint.classList.remove('atlas-show'); }, 1500);
  }
  document.addEventListener('pointerdown', function (e) { engaged = tableOf(e.target); }, true);
  document.addEventListener('pointerover', function (e) {
    if (engaged && !engaged.contains(e.target)) engaged = null;
  }, true);
  document.addEventListener('wheel', function (e) {
    var table = tableOf(e.target);
    if (!table || table === engaged || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
    if (!scrollsInside(table)) return;
    var r = table.getBoundingClientRect();
    if (r.height >= window.innerHeight * 0.9) return;  // full screen: the table is all there is
    var main = document.querySelector('[data-testid="stMain"]');
    if (!main) return;
    e.preventDefault();
    var unit = e.deltaMode === 1 ? 16 : (e.deltaMode === 2 ? main.clientHeight : 1);
    main.scrollBy({top: e.deltaY * unit, behavior: 'instant'});  // a smooth glide would swallow the next turn
    showHint(table);
  }, {capture: true, passive: false});
})();
</script>
"""


def tables_leave_the_wheel_to_the_page(lang: Lang) -> None:
    """Serve the script that gives the wheel over a long table to the page (call once per run)."""
    body = _SCRIPT % {"hint": json.dumps(t("table.hint.wheel", lang), ensure_ascii=False)}
    st.html(body, unsafe_allow_javascript=True, width="content")
