"""Union names are public: the tree reads the same for everyone, and ``orgs`` decides that
without asking ``people`` (which sits above it)."""

from django.contrib.auth.models import AnonymousUser

from yunjishi.orgs.models import Org


def test_anyone_sees_the_whole_tree_logged_in_or_not(tree, worker, handler_b):
    everything = set(Org.objects.values_list("pk", flat=True))

    for user in (AnonymousUser(), worker, handler_b, None):
        assert set(Org.objects.visible_to(user).values_list("pk", flat=True)) == everything


def test_the_public_directory_lists_the_roots_without_a_login(client, tree):
    body = client.get("/api/orgs/").json()

    assert [org["name"] for org in body["items"]] == ["全国总工会"]
