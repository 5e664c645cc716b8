"""Browsing over the API: filters, Chinese search, paging, a listing with its sessions."""

API = "/api/market"


def test_live_listings_come_paged_with_places_left(make_listing, worker, client_for):
    for number in range(3):
        make_listing(title=f"急救知识科普{number}", places=10 + number)
    make_listing(title="草稿", places=1, live=False)
    client = client_for(worker)
    data = client.get(f"{API}/listings", {"limit": 2}).json()
    assert data["count"] == 3 and len(data["items"]) == 2
    item = data["items"][0]
    assert item["provider"]["name"] == "李劳模" and item["domain"] == "health"
    assert {i["places_left"] for i in data["items"]} <= {10, 11, 12}
    rest = client.get(f"{API}/listings", {"limit": 2, "offset": 2}).json()["items"]
    assert len(rest) == 1


def test_listings_filter_by_domain_and_the_new_employment_form_mark(
    make_listing, worker, client_for
):
    make_listing(places=3)
    make_listing(title="企业知识产权保护讲座", domain="legal", places=3)
    make_listing(title="骑手心理咨询", for_new_employment_form=True, places=3)
    client = client_for(worker)
    legal = client.get(f"{API}/listings", {"domain": "legal"}).json()["items"]
    assert [i["title"] for i in legal] == ["企业知识产权保护讲座"]
    nef = client.get(f"{API}/listings", {"nef": "true"}).json()["items"]
    assert [i["title"] for i in nef] == ["骑手心理咨询"]
    bad = client.get(f"{API}/listings", {"domain": "cooking"})
    assert bad.status_code == 422 and bad.json()["code"] == "validation_error"


def test_a_chinese_query_searches_the_text(make_listing, worker, client_for):
    make_listing(places=3)
    make_listing(title="书法培训", domain="education", description="练字。", places=3)
    client = client_for(worker)
    assert [i["title"] for i in client.get(f"{API}/listings", {"q": "书法"}).json()["items"]] == [
        "书法培训"
    ]
    assert [i["title"] for i in client.get(f"{API}/listings", {"q": "健康"}).json()["items"]] == [
        "免费健康检查"
    ]


def test_a_listing_comes_with_its_sessions_and_places_left(
    make_listing, worker, other_worker, tomorrow, client_for
):
    from yunjishi.market import orders

    listing = make_listing(
        sessions=[{"places": 2, "starts_at": tomorrow}, {"places": 3, "starts_at": tomorrow}],
        eligibility="members",
    )
    first = listing.pool.slots.order_by("id").first()
    orders.place_order(other_worker, listing, slot=first)
    data = client_for(worker).get(f"{API}/listings/{listing.pk}").json()
    assert data["places_left"] == 4
    assert [(s["places"], s["places_left"]) for s in data["sessions"]] == [(2, 1), (3, 3)]
    assert data["eligibility"] == "members" and data["eligibility_text"]
    assert data["per_person_limit"] == 1 and data["review_count"] == 0


def test_a_draft_listing_is_not_found(make_listing, worker, client_for):
    listing = make_listing(places=2, live=False)
    response = client_for(worker).get(f"{API}/listings/{listing.pk}")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_the_api_needs_a_logged_in_caller(make_listing, client):
    make_listing(places=2)
    response = client.get(f"{API}/listings")
    assert (response.status_code, response.json()["code"]) == (401, "unauthenticated")
