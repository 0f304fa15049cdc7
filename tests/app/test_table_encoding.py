"""pages/common/cache.dictionary_strings: what a page table sends, repeated text once per value, and
never a column the grid would then draw wrong (an empty text of a dictionary shows as "None")."""

from __future__ import annotations

import pyarrow as pa

from pages.common.cache import DICTIONARY_ROWS_MIN, dictionary_strings


def test_repeated_text_is_sent_once_per_value_and_an_empty_text_is_left_alone():
    n = DICTIONARY_ROWS_MIN * 2
    table = pa.table(
        {
            "town": pa.array(["盛泽镇", "七都镇"] * (n // 2)),
            "reasons": pa.array(["", "亩均税收"] * (n // 2)),  # the walk saw "None" for ""
            "name": pa.array([f"企业{i}" for i in range(n)]),  # all different: as it is
            "score": pa.array([1.5] * n),
        }
    )
    out = dictionary_strings(table)
    assert pa.types.is_dictionary(out.schema.field("town").type)
    assert out.column("town").to_pylist() == table.column("town").to_pylist()
    assert out.schema.field("reasons").type == pa.string()
    assert out.schema.field("name").type == pa.string() and out.schema.field("score").type == pa.float64()
    short = table.slice(0, DICTIONARY_ROWS_MIN - 1)
    assert dictionary_strings(short).schema == short.schema  # a short table sends little anyway
