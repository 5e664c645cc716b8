"""Each enterprise link has its QR code, served by the app as SVG to staff who see the link."""

from django.urls import reverse


def test_the_qr_code_is_an_svg(links, supervisor, admin_a, client_for):
    url = reverse("surveys:staff_qr", args=[links["a"].token])
    response = client_for(supervisor).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content
    # Street A's admin prints the code of their own enterprise too.
    assert client_for(admin_a).get(url).status_code == 200


def test_the_qr_code_is_not_served_outside_the_scope(links, handler_b, worker, client_for):
    url = reverse("surveys:staff_qr", args=[links["a"].token])
    assert client_for(handler_b).get(url).status_code == 404
    assert client_for(worker).get(url).status_code == 403
