"""geo/messages/marks.py: words joined with each language's own marks, never a 、 or a full-width
colon in English; and the yearly words (geo/messages/yearly.py) are in the one catalogue."""

from __future__ import annotations

from geo.messages import MESSAGES, joined, labelled, message


def test_lists_clauses_and_labels_are_joined_in_the_language_asked():
    assert joined(["盛泽镇", "七都镇"], "zh") == "盛泽镇、七都镇"
    assert joined(["盛泽镇", "七都镇"], "en") == "盛泽镇, 七都镇"
    assert (
        joined(["a", "b"], "zh", mark="clause") == "a；b"
        and joined(["a", "b"], "en", mark="clause") == "a; b"
    )
    assert joined([], "en") == "" and joined([2021, 2022], "en") == "2021, 2022"
    assert labelled("行业", "高端纺织", "zh") == "行业：高端纺织"
    assert labelled("Industries", "High-end textiles", "en") == "Industries: High-end textiles"


def test_the_yearly_words_are_in_the_catalogue():
    assert MESSAGES["yearly.notice.sheet"] == ("公示", "Notice")
    assert (
        message("yearly.weights_total", "en", weights="Tax per mu 100", total=100)
        == "Tax per mu 100 (total 100)"
    )
    assert (
        message("yearly.notice.class_heading", "zh", cls="A", label="优先发展", n=3)
        == "A 类（优先发展）：3 家"
    )


def test_group_and_class_headings_count_with_a_thousands_separator():
    """4,675 in both languages: the 公示 workbook's headings and the evaluation page's group tabs."""
    assert (
        message("yearly.notice.group_heading", "zh", title="评价结果", group="规上", n=4675)
        == "评价结果 · 规上（4,675 家）"
    )
    assert (
        message("yearly.notice.group_heading", "en", title="Results", group="Above size", n=4675)
        == "Results · Above size (4,675 enterprises)"
    )
    assert message("yearly.notice.class_heading", "en", cls="B", label="Encouraged", n=1234) == (
        "Class B (Encouraged): 1,234 enterprises"
    )
    assert message("yearly.notice.class_heading", "zh", cls="B", label="鼓励提升", n=1234) == (
        "B 类（鼓励提升）：1,234 家"
    )
    assert message("eff.groups.tab", "zh", name="规上", n=4675) == "规上（4,675 家）"
    assert message("eff.groups.tab", "en", name="Above size", n=4675) == "Above size (4,675)"
