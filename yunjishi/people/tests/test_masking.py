"""What may be shown of a phone, an ID number and a name (PIPL)."""

import pytest

from yunjishi.core.masking import mask_id_last4, mask_name, mask_phone, mask_text


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        ("13812341234", "138****1234"),
        ("+8613812341234", "138****1234"),
        ("138 1234 1234", "138****1234"),
        ("", ""),
        (None, ""),
        ("12345", "*****"),  # not a phone: nothing of it shows
    ],
)
def test_a_phone_shows_only_its_first_three_and_last_four_digits(phone, shown):
    assert mask_phone(phone) == shown


def test_an_id_number_shows_only_its_last_four_characters():
    assert mask_id_last4("002X") == "**************002X"
    assert len(mask_id_last4("002X")) == 18
    assert mask_id_last4("") == ""


def test_a_name_shows_only_its_first_character():
    assert mask_name("张三丰") == "张**"
    assert mask_name("") == ""


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("call 13812341234 now", "call 138****1234 now"),
        ("call +86 138-1234-1234 now", "call 138****1234 now"),
        ("id 11010519491231002X ok", "id **************002X ok"),
        ("id 11010519491231002x ok", "id **************002x ok"),
        ("phones 13812341234,13987654321", "phones 138****1234,139****4321"),
    ],
)
def test_free_text_has_every_phone_and_id_number_masked(text, masked):
    assert mask_text(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "order 20241123138123412345",  # a long run of digits
        "hash a13812341234b",  # inside a token
        "amount 12812341234",  # 12x is no mobile prefix
        "time 2024-11-23 13:81:23",
    ],
)
def test_other_numbers_are_left_alone(text):
    assert mask_text(text) == text
