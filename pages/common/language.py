"""Streamlit's own interface words in the UI language. Not a page itself.

Streamlit has no locale setting: its widgets carry English defaults ("Upload", "50MB per file",
"Select all", "No results", "Press Enter to apply", the table toolbar's "Search" ...). What a
widget lets us set is set where it is called (``placeholder=``, ``select_all=``); the rest is
translated in the browser by the small script below, served inline by the app itself (no CDN):
it rewrites those texts and tooltips whenever Streamlit draws them, and only in the Chinese UI
(switched to English, it puts back what it rewrote).
"""

from __future__ import annotations

import json

import streamlit as st

from geo.messages import Lang

# Exact texts (trimmed) -> Chinese. Patterns with a number follow in _PATTERNS.
STREAMLIT_ZH: dict[str, str] = {
    "Upload": "选择文件",
    "Browse files": "选择文件",
    "Add files": "添加文件",
    "Upload directories": "选择文件夹",
    "Drag and drop file here": "将文件拖放到此处",
    "Drag and drop files here": "将文件拖放到此处",
    "Drag and drop a file here": "将文件拖放到此处",
    "Drag and drop directories here": "将文件夹拖放到此处",
    "Choose options": "请选择",
    "Choose an option": "请选择",
    "Choose or add options": "请选择或输入",
    "Choose or add an option": "请选择或输入",
    "Select all": "全选",
    "No results": "无匹配项",
    "No options to select": "没有可选项",
    "Press Enter to apply": "按回车键应用",
    "Press Enter to submit form": "按回车键提交",
    "Press Ctrl+Enter to apply": "按 Ctrl+回车键应用",
    "Press ⌘+Enter to apply": "按 ⌘+回车键应用",
    "Running...": "运行中…",
    "Stop": "停止",
    "Download as CSV": "下载为 CSV",
    "Search": "搜索",
    "Fullscreen": "全屏",
    "Close fullscreen": "退出全屏",
    "Show/hide columns": "显示/隐藏列",
    "Clear selection": "清除选择",
    "Show password text": "显示密码",
    "Hide password text": "隐藏密码",
    "Remove file": "移除文件",
    "Delete": "删除",
    "Clear all": "全部清除",
    "Clear value": "清除",
}
# (JavaScript regular expression, replacement) for texts that carry a number or a list.
_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^(?:Limit )?(\d+(?:\.\d+)?)\s?([KMG]B) per file(.*)$", "单个文件不超过 $1 $2$3"),
    (r"^Select (\d+) matches$", "选择 $1 个匹配项"),
    (r"^Add: (.*)$", "添加：$1"),
    (r"^Help for (.*)$", "$1 的说明"),
)
# English words the Chinese UI must never show (the guard test checks the pages for them).
ENGLISH_DEFAULTS: tuple[str, ...] = (
    "Choose options",
    "Choose an option",
    "Select all",
    "Upload",
    "Drag and drop",
    "per file",
    "Browse files",
    "Press Enter to apply",
    "No results",
    "No options to select",
)

_SCRIPT = """
<script>
(function () {
  window.__atlasLang = %(lang)s;
  if (window.__atlasLocale) { window.__atlasLocale(); return; }
  var exact = %(exact)s, patterns = %(patterns)s.map(function (p) { return [new RegExp(p[0]), p[1]]; });
  function zh(text) {
    var key = text.trim();
    if (!key) return null;
    if (Object.prototype.hasOwnProperty.call(exact, key)) return text.replace(key, exact[key]);
    for (var i = 0; i < patterns.length; i++) {
      if (patterns[i][0].test(key)) return text.replace(key, key.replace(patterns[i][0], patterns[i][1]));
    }
    return null;
  }
  var ATTRS = ['title', 'aria-label', 'placeholder'];
  // What was translated, to be put back when the UI switches to English: [node, attribute or
  // null, the English text, the Chinese text put in its place].
  var changed = [];
  function restore() {
    changed.forEach(function (c) {
      if (!c[0].isConnected) return;
      if (c[1] === null) { if (c[0].nodeValue === c[3]) c[0].nodeValue = c[2]; }
      else if (c[0].getAttribute(c[1]) === c[3]) c[0].setAttribute(c[1], c[2]);
    });
    changed = [];
  }
  function fix(root) {
    if (window.__atlasLang !== 'zh') { if (changed.length) restore(); return; }
    if (changed.length > 5000) changed = changed.filter(function (c) { return c[0].isConnected; });
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var out = zh(node.nodeValue);
      if (out !== null && out !== node.nodeValue) {
        changed.push([node, null, node.nodeValue, out]);
        node.nodeValue = out;
      }
    }
    var els = root.querySelectorAll ? root.querySelectorAll('[title],[aria-label],[placeholder]') : [];
    els.forEach(function (el) {
      ATTRS.forEach(function (a) {
        var v = el.getAttribute(a);
        var out = v && zh(v);
        if (out && out !== v) {
          changed.push([el, a, v, out]);
          el.setAttribute(a, out);
        }
      });
    });
  }
  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; fix(document.body); });
  }
  window.__atlasLocale = function () {
    document.documentElement.lang = window.__atlasLang === 'zh' ? 'zh-CN' : 'en';
    schedule();
  };
  new MutationObserver(schedule).observe(document.body, {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRS,
  });
  window.__atlasLocale();
})();
</script>
"""


def streamlit_in_ui_language(lang: Lang) -> None:
    """Serve the script that puts Streamlit's own words into the UI language (call once per run)."""
    body = _SCRIPT % {
        "lang": json.dumps(lang),
        "exact": json.dumps(STREAMLIT_ZH, ensure_ascii=False),
        "patterns": json.dumps(_PATTERNS),
    }
    st.html(body, unsafe_allow_javascript=True, width="content")


def keep_choices_across_language_switch() -> None:
    """Carry every choice over a switch of the UI language (call at the top of each run).

    Streamlit keeps a select box's, radio's or multiselect's value as the *label* it showed, and
    the labels change with the language: after a switch no stored label matches, and each such
    widget falls back to its default (the use, the coordinate frame, the basemap ...). On the run
    that follows a switch, each text-valued widget value is read back while Streamlit can still
    map the old labels to their options, and written again as the option itself.
    Numbers and true/false values do not depend on labels (and buttons refuse writes): left alone.
    """
    lang = st.session_state.get("lang", "zh")
    before = st.session_state.get("_lang_before")
    st.session_state["_lang_before"] = lang
    if before is None or before == lang:
        return
    for key in list(st.session_state.keys()):
        if key == "lang" or str(key).startswith("_"):
            continue
        try:
            value = st.session_state[key]
        except (KeyError, AttributeError):  # a widget Streamlit no longer knows how to read
            continue
        textual = isinstance(value, str) or (
            isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        )
        if textual:
            st.session_state[key] = list(value) if isinstance(value, tuple) else value
