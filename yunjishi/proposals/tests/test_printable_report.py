"""The duty report prints: a page of its own with print CSS, the counts and the items,
and no site navigation; staff of the representative's union can print it too."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from yunjishi.proposals import services


def test_the_printable_view_renders_the_report_with_print_css(
    make_proposal, walk, representative, client_for
):
    walk(make_proposal(), "accepted")
    services.record_visit(
        representative,
        person_name="夏小明",
        person_situation="父母重病",
        person_phone="13912345678",
        visited_on=timezone.localdate(),
        notes="家访",
    )
    client = client_for(representative)
    page = client.get(reverse("proposals:report"))
    assert page.status_code == 200
    assert reverse("proposals:report_print") in page.content.decode()
    printable = client.get(reverse("proposals:report_print"))
    html = printable.content.decode()
    assert printable.status_code == 200
    # The print CSS is a static file (the Content-Security-Policy refuses a <style> block).
    assert static("css/report.css") in html
    print_css = Path(finders.find("css/report.css")).read_text()
    assert "@media print" in print_css and "@page" in print_css
    assert 'class="top"' not in html  # no site header
    assert 'id="n-submitted">1<' in html and 'id="n-accepted">1<' in html
    assert "关于加强对货车司机关心关爱的提案" in html
    assert "夏**" in html and "夏小明" not in html and "13912345678" not in html
    assert "王职工" in html  # the representative's name heads the report


def test_the_printable_view_with_a_bad_period_shows_the_form_errors(representative, client_for):
    client = client_for(representative)
    page = client.get(reverse("proposals:report_print"), {"start": "2024-05-01", "end": "x"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "errorlist" in html and static("css/report.css") not in html


def test_staff_of_the_union_print_a_representatives_report(
    make_proposal, representative, admin_a, client_for
):
    make_proposal()
    url = reverse("proposals:staff_report", args=[representative.pk])
    page = client_for(admin_a).get(url, {"print": "1"})  # this year
    assert page.status_code == 200
    html = page.content.decode()
    assert static("css/report.css") in html and 'id="n-submitted">1<' in html
