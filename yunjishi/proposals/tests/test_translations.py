"""The proposals pages speak Chinese (the catalog itself: core/tests/test_catalogs.py)."""


def test_the_pages_speak_chinese(representative, client_for):
    from django.urls import reverse

    page = client_for(representative).get(reverse("proposals:home")).content.decode()
    assert "云履职" in page and "提交提案" in page and "履职报告" in page
