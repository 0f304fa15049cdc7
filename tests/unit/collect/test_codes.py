"""GB 32100-2015 credit codes and GB 11714 organisation codes: normalising and check characters.

Valid codes are the published example 91350100M000100Y43 and codes whose check characters the
fixture computes by the standards' own rules (tests/fixtures/collect.py), not by geo.collect.
"""

from __future__ import annotations

import pandas as pd
import pytest

from geo.collect.codes import (
    check_failures,
    code_kind,
    credit_check_char,
    is_valid_credit_code,
    is_valid_org_code,
    normalize_code,
    org_check_char,
    org_code_in,
)
from tests.fixtures.collect import CODES, ORGS, credit_code, org_check

PUBLISHED = "91350100M000100Y43"


def test_the_published_example_code_is_valid():
    assert credit_check_char(PUBLISHED[:17]) == "3"
    assert org_check_char("M000100Y") == "4"
    assert is_valid_credit_code(PUBLISHED) and is_valid_org_code("M000100Y4")
    assert org_code_in(PUBLISHED) == "M000100Y4"


@pytest.mark.parametrize("body", ["MA1A0001", "12345678", "MA1FX0Q7", "00000000", "ZZZZZZZZ"])
def test_check_characters_agree_with_the_independent_computation(body):
    assert org_check_char(body) == org_check(body)
    if all(c not in "IOSVZ" for c in body):
        code = credit_code(body)
        assert credit_check_char(code[:17]) == code[17]
        assert is_valid_credit_code(code)


def test_org_check_writes_ten_as_x_and_eleven_as_zero():
    # Σ weights·values for "00000001" = 2 -> 11 - 2 = 9; find bodies giving 10 and 11 by search.
    tens = [b for b in (f"{i:08d}" for i in range(200)) if org_check(b) == "X"]
    zeros = [b for b in (f"{i:08d}" for i in range(200)) if org_check(b) == "0"]
    assert tens and zeros
    assert org_check_char(tens[0]) == "X" and org_check_char(zeros[0]) == "0"
    assert org_check_char("00000000") == "0"  # 11 - 0 = 11 -> 0


def test_codes_are_normalised_as_written_by_departments():
    code = CODES["A"]
    assert normalize_code(f" {code[:4]} {code[4:].lower()} ") == code
    full = "".join(chr(ord(c) + 0xFEE0) for c in code)
    assert normalize_code(full) == code
    assert normalize_code("MA1A0001-" + ORGS["A"][-1]) == ORGS["A"]
    assert normalize_code(None) == "" and normalize_code(float("nan")) == ""
    assert normalize_code("123456789.0") == "123456789"


def test_kinds_and_the_organisation_code_inside():
    assert code_kind(CODES["B"]) == "credit" and org_code_in(CODES["B"]) == ORGS["B"]
    assert code_kind(ORGS["B"]) == "org" and org_code_in(ORGS["B"]) == ORGS["B"]
    old = "320509" + ORGS["C"]  # an old 15-character 纳税人识别号
    assert code_kind(old) == "taxpayer15" and org_code_in(old) == ORGS["C"]
    assert code_kind("91320509MA1A0001OI") == "other"  # O and I are not code characters


def test_vectorised_check_names_the_failing_check():
    code = CODES["F"]
    wrong_last = code[:17] + ("0" if code[17] != "0" else "1")
    body = ORGS["F"]
    wrong_org = body[:8] + ("0" if body[8] != "0" else "1")
    fails = check_failures(pd.Series([code, wrong_last, PUBLISHED, wrong_org, "", "abc"]))
    assert fails.tolist() == ["", "credit", "", "org", "", ""]
    # agrees with the one-by-one check on many fixture-computed codes
    codes = [credit_code(f"MA{i:06d}") for i in range(300)]
    assert (check_failures(pd.Series(codes)) == "").all()
    assert all(is_valid_credit_code(c) for c in codes)


def test_bad_input_to_the_check_functions_raises():
    with pytest.raises(ValueError):
        credit_check_char("123")
    with pytest.raises(ValueError):
        org_check_char("1234567")
