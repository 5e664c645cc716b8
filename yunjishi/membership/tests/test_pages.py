"""The worker's and the staff's pages: they work, speak Chinese, and refuse bad input
with a Chinese message while changing nothing."""

from django.urls import reverse

from yunjishi.membership import services
from yunjishi.membership.models import JoinApplication, TransferRequest
from yunjishi.people.models import MemberProfile


def test_a_newcomer_applies_through_the_form(newcomer, cleaner, tree, client_for):
    client = client_for(newcomer)
    form = client.get(reverse("membership:apply")).content.decode()
    assert "提交入会申请" in form and "街道A总工会" in form
    response = client.post(
        reverse("membership:apply"),
        {"real_name": "钱新人", "occupation": cleaner.pk, "area": tree.street_b.pk},
        follow=True,
    )
    application = JoinApplication.objects.get(applicant=newcomer)
    assert application.org == tree.street_b
    page = response.content.decode()
    assert "街道B总工会" in page and "撤回申请" in page


def test_a_form_without_a_name_gets_a_chinese_message_and_changes_nothing(
    newcomer, cleaner, tree, client_for
):
    response = client_for(newcomer).post(
        reverse("membership:apply"),
        {"real_name": " ", "occupation": cleaner.pk, "area": tree.street_b.pk},
    )
    assert response.status_code == 200
    assert "此项为必填项" in response.content.decode()
    assert not JoinApplication.objects.exists()


def test_an_unknown_area_gets_a_chinese_message(newcomer, cleaner, client_for):
    response = client_for(newcomer).post(
        reverse("membership:apply"),
        {"real_name": "钱新人", "occupation": cleaner.pk, "area": 999999},
    )
    assert "选择一个有效的选项" in response.content.decode()
    assert not JoinApplication.objects.exists()


def test_a_bad_credit_code_gets_a_chinese_message(newcomer, cleaner, tree, client_for):
    response = client_for(newcomer).post(
        reverse("membership:apply"),
        {
            "real_name": "钱新人",
            "occupation": cleaner.pk,
            "area": tree.street_b.pk,
            "credit_code": "123",
        },
    )
    assert "统一社会信用代码" in response.content.decode()
    assert not JoinApplication.objects.exists()


def test_a_member_applying_again_is_told_why(worker, cleaner, tree, client_for):
    response = client_for(worker).post(
        reverse("membership:apply"),
        {"real_name": "王职工", "occupation": cleaner.pk, "area": tree.street_a.pk},
    )
    assert "已是" in response.content.decode()
    assert not JoinApplication.objects.exists()


def test_the_member_page_shows_number_join_date_and_history(worker, tree, client_for):
    services.request_transfer(worker, to_org=tree.street_b)
    page = client_for(worker).get(reverse("membership:home")).content.decode()
    profile = MemberProfile.objects.get(user=worker)
    assert "我的会籍" in page and profile.membership_number in page
    assert "申请会籍转移" in page and "撤回转移申请" in page


def test_staff_decline_without_a_reason_gets_a_message_and_changes_nothing(
    application, handler_a, client_for
):
    response = client_for(handler_a).post(
        reverse("membership:decline", args=[application.pk]), {"reason": ""}, follow=True
    )
    assert "请填写不予批准的理由" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "pending"


def test_staff_approve_on_the_page(application, handler_a, client_for):
    response = client_for(handler_a).post(
        reverse("membership:approve", args=[application.pk]), follow=True
    )
    assert "已批准" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "approved"


def test_approving_twice_on_the_page_says_it_was_already_decided(
    application, handler_a, admin_a, client_for
):
    services.approve(admin_a, application)
    response = client_for(handler_a).post(
        reverse("membership:approve", args=[application.pk]), follow=True
    )
    assert response.status_code == 200
    assert "已处理" in response.content.decode()


def test_transfer_form_and_staff_transfer_page(worker, tree, handler_b, client_for):
    client = client_for(worker)
    client.post(
        reverse("membership:transfer"),
        {"new_employer_name": "乙公司", "area": tree.street_b.pk, "reason": "换工作"},
    )
    transfer = TransferRequest.objects.get(member=worker)
    assert transfer.to_org == tree.enterprise_b
    staff = client_for(handler_b)
    assert "王职工" in staff.get(reverse("membership:staff_transfers")).content.decode()
    staff.post(reverse("membership:approve_transfer", args=[transfer.pk]))
    assert MemberProfile.objects.get(user=worker).org == tree.enterprise_b


def test_leaving_needs_the_confirmation_box(worker, client_for):
    client = client_for(worker)
    response = client.post(reverse("membership:leave"), {"reason": "退休"})
    assert "此项为必填项" in response.content.decode()
    assert MemberProfile.objects.get(user=worker).membership_status == "member"
    client.post(reverse("membership:leave"), {"reason": "退休", "confirm": "on"})
    assert MemberProfile.objects.get(user=worker).membership_status == "left"


def test_the_withdraw_button_works(application, newcomer, client_for):
    client_for(newcomer).post(reverse("membership:withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_a_visitor_is_sent_to_log_in(client, db):
    response = client.get(reverse("membership:home"))
    assert response.status_code == 302 and "login" in response["Location"]
