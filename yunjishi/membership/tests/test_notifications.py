"""Who is told what: the handling union's staff (up to the city), and the applicant."""

from django.core import mail

from yunjishi.membership import services
from yunjishi.notify.models import Notification
from yunjishi.people.services import assign_staff


def _told(user):
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_a_new_application_reaches_the_handling_unions_staff_and_its_parents(
    newcomer, cleaner, tree, handler_a, admin_a, handler_b, supervisor
):
    services.apply(newcomer, real_name="钱新人", occupation=cleaner, area=tree.street_a)
    assert _told(handler_a) == ["新的入会申请"]
    assert _told(admin_a) == ["新的入会申请"]
    assert _told(handler_b) == []  # another street
    assert _told(supervisor) == []  # supervisors follow dashboards, not each application


def test_staff_above_the_city_are_not_told(newcomer, cleaner, tree, django_user_model):
    province_handler = django_user_model.objects.create_user("13900000011", "x")
    city_handler = django_user_model.objects.create_user("13900000012", "x")
    assign_staff(province_handler, tree.province, "handler")
    assign_staff(city_handler, tree.city, "handler")
    services.apply(newcomer, real_name="钱新人", occupation=cleaner, area=tree.street_a)
    assert _told(city_handler) == ["新的入会申请"]
    assert _told(province_handler) == []


def test_the_applicant_gets_a_confirmation_with_the_deadline(
    newcomer, cleaner, tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.apply(newcomer, real_name="钱新人", occupation=cleaner, area=tree.street_a)
    note = Notification.objects.get(user=newcomer)
    assert note.title == "已收到你的入会申请"
    assert "请在" in note.body and "之前处理" in note.body
    assert any(m.to == ["newcomer@example.com"] for m in mail.outbox)


def test_approval_tells_the_applicant_their_number(application, newcomer, handler_a):
    services.approve(handler_a, application)
    number = newcomer.member_profile.__class__.objects.get(user=newcomer).membership_number
    note = Notification.objects.filter(user=newcomer).latest("id")
    assert number in note.body


def test_decline_tells_the_applicant_the_reason(application, newcomer, handler_a):
    services.decline(handler_a, application, "请先与单位签订劳动合同")
    note = Notification.objects.filter(user=newcomer).latest("id")
    assert "请先与单位签订劳动合同" in note.body


def test_escalation_tells_the_new_union_and_the_applicant(application, newcomer, tree, supervisor):
    district_admin = supervisor.__class__.objects.create_user("13900000013", "x")
    assign_staff(district_admin, tree.district, "org_admin")
    services.escalate_overdue(now=application.due_at)
    assert _told(district_admin) == ["逾期入会申请已转由你单位办理"]
    assert "你的入会申请已转至上级工会" in _told(newcomer)


def test_an_approved_transfer_tells_the_member_and_the_old_union(
    worker, tree, handler_a, handler_b
):
    transfer = services.request_transfer(worker, to_org=tree.street_b)
    assert _told(handler_b) == ["新的会籍转移申请"]
    services.approve_transfer(handler_b, transfer)
    assert "你的会籍已转移" in _told(worker)
    assert _told(handler_a) == ["有会员转出"]


def test_leaving_is_confirmed(worker):
    services.leave(worker)
    assert _told(worker) == ["你已退出工会"]
