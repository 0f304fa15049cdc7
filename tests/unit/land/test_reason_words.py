"""The reasons a parcel is 低效用地 read in one style (issue 23, walk8: "idle land" beside "FAR below the
control minimum"): in English each is in sentence case, as a table cell or a list item, the catalogue's
words for every rule; a parcel with two reasons lists both, each so."""

from __future__ import annotations

import pandas as pd

from geo.land import parcels as P
from geo.messages import message
from tests.fixtures.parcels import enterprises, parcels, zones


def test_every_reason_is_in_sentence_case_in_english():
    words = {rule: message(f"land.reason.{rule}", "en") for rule in P.RULES}
    assert words == {
        "class_d": "Enterprise in class D",
        "far_below_min": "FAR below the control minimum",
        "coverage_below_min": "Building coverage below the control minimum",
        "idle": "Idle land",
        "tax_below_min": "Tax per mu below the threshold",
    }
    assert {rule: P.REASONS[rule][1] for rule in P.RULES} == words


def test_the_found_parcels_reasons_start_with_a_capital():
    analysis = P.analyse_parcels(parcels(), enterprises(), zones=zones())
    low = pd.DataFrame(analysis.low).set_index("parcel_id")
    # the hand-worked fixture: P3 FAR 0.6 < 0.8, P4 coverage 25 % < 30 %, P6 idle
    assert low.loc["P3", "reasons_en"] == "FAR below the control minimum"
    assert low.loc["P4", "reasons_en"] == "Building coverage below the control minimum"
    assert low.loc["P6", "reasons_en"] == "Idle land"
    for listed in low["reasons_en"]:
        assert all(item[:1].isupper() for item in listed.split("; ")), listed
