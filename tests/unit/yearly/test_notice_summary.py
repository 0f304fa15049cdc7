"""geo.yearly.notice.config_summary: the weights a briefing names are the ones the evaluation used."""

from __future__ import annotations

import pandas as pd

from geo.evaluation import default_config
from geo.yearly.notice import config_summary


def test_the_summary_names_the_weights_used_not_the_ones_left_out():
    config = default_config()
    # 规上: 单位排放税收 (10) had no data: its weight went to the other five, in proportion (× 100/90).
    above = {k: v * 100 / 90 for k, v in config.weights_above_scale.items()}
    above["tax_per_emission_equiv_wan_yuan"] = 0.0
    used = pd.DataFrame([above, dict(config.weights_below_scale)], index=["规上", "规下"]).fillna(0.0)
    configured = config_summary(config, "zh")
    assert "单位排放税收 10" in configured
    shown = config_summary(config, "zh", used=used)
    assert "单位排放税收" not in shown
    assert "规上：亩均税收 44.44、亩均销售收入 22.22、单位能耗税收 11.11" in shown
    assert "（合计 100）；规下：亩均税收 70、单位用电税收 30（合计 100）" in shown
    assert "total 100" in config_summary(config, "en", used=used)
