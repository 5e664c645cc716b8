"""The staff page of an appeal lists similar open appeals of the same union, but only those
the staffer may see: one handed over to another street stays out of the list."""

from django.urls import reverse

from yunjishi.appeals import services


def test_a_similar_appeal_handled_elsewhere_is_not_listed(
    make_appeal, handler_a, supervisor, tree, client_for
):
    here = make_appeal()
    kept = make_appeal(title="食堂饭菜很咸")
    elsewhere = services.reassign(
        supervisor, make_appeal(title="食堂的菜太咸"), tree.street_b, "应由街道B办理"
    )
    page = client_for(handler_a).get(reverse("appeals:staff_detail", args=[here.pk]))
    text = page.content.decode()
    assert kept.tracking_number in text
    assert elsewhere.tracking_number not in text
    # the district, which sees both streets, is shown both
    page = client_for(supervisor).get(reverse("appeals:staff_detail", args=[here.pk]))
    assert elsewhere.tracking_number in page.content.decode()
