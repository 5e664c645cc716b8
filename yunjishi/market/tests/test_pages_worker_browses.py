"""A worker browses the market by domain, by the 新就业形态 filter and by Chinese search."""

from django.urls import reverse
from django.utils.html import escape

from yunjishi.market.models import Follow


def test_the_market_lists_live_listings_with_provider_domain_format_and_places_left(
    make_listing, client
):
    make_listing(places=12)
    make_listing(title="草稿里的服务", places=3, live=False)
    page = client.get(reverse("market:home")).content.decode()
    assert "免费健康检查" in page and "李劳模" in page
    assert 'data-places="12"' in page
    assert "草稿里的服务" not in page


def test_a_domain_tile_narrows_the_list(make_listing, client):
    make_listing(places=5)
    make_listing(title="企业知识产权保护讲座", domain="legal", places=5)
    page = client.get(reverse("market:home"), {"domain": "legal"}).content.decode()
    assert "企业知识产权保护讲座" in page and "免费健康检查" not in page


def test_the_new_employment_form_filter_shows_only_marked_services(make_listing, client):
    make_listing(places=5)
    make_listing(title="骑手急救知识科普", for_new_employment_form=True, places=5)
    page = client.get(reverse("market:home"), {"nef": "1"}).content.decode()
    assert "骑手急救知识科普" in page and "免费健康检查" not in page


def test_a_chinese_search_finds_words_inside_the_text(make_listing, client):
    make_listing(places=5)
    make_listing(
        title="书法培训班",
        domain="education",
        description="省劳模书法家教职工子女练字。",
        places=5,
    )
    health = client.get(reverse("market:home"), {"q": "健康"}).content.decode()
    assert "免费健康检查" in health and "书法培训班" not in health
    calligraphy = client.get(reverse("market:home"), {"q": "书法"}).content.decode()
    assert "书法培训班" in calligraphy and "免费健康检查" not in calligraphy


def test_a_search_that_matches_nothing_says_so(make_listing, client):
    from django.utils.translation import gettext

    make_listing(places=5)
    page = client.get(reverse("market:home"), {"q": "少儿编程"}).content.decode()
    assert escape(gettext("No service found. Try another word or domain.")) in page


def test_a_worker_follows_and_unfollows_a_domain(worker, client_for):
    client = client_for(worker)
    client.post(reverse("market:follow"), {"domain": "health", "on": "1"})
    assert Follow.objects.filter(user=worker, domain="health").exists()
    client.post(reverse("market:follow"), {"domain": "health", "on": "0"})
    assert not Follow.objects.filter(user=worker).exists()


def test_the_listing_page_shows_sessions_places_left_and_who_may_order(
    make_listing, tomorrow, worker, client_for
):
    listing = make_listing(
        sessions=[{"places": 4, "starts_at": tomorrow}, {"places": 6, "starts_at": tomorrow}],
        eligibility="nef",
    )
    page = client_for(worker).get(reverse("market:listing", args=[listing.pk])).content.decode()
    assert listing.description in page and "李劳模" in page
    assert 'id="places-left">10<' in page
    assert str(listing.get_eligibility_display()) in page
    assert page.count('name="slot"') == 2


def test_a_long_list_comes_in_pages_that_keep_the_filter(make_listing, client):
    for number in range(21):
        make_listing(title=f"法律咨询{number}号", domain="legal", places=2)
    first = client.get(reverse("market:home"), {"domain": "legal"}).content.decode()
    assert first.count('class="card listing"') == 20
    assert "?domain=legal&amp;page=2" in first
    second = client.get(reverse("market:home"), {"domain": "legal", "page": 2}).content.decode()
    assert second.count('class="card listing"') == 1
