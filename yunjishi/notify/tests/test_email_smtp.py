"""E-mail goes out through a real SMTP server (aiosmtpd on 127.0.0.1) and is read back."""

import email
import email.policy
import socket

from django.test import override_settings

from yunjishi.notify.models import Delivery
from yunjishi.notify.services import notify


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_notification_arrives_by_email_with_its_chinese_subject_and_text(
    worker, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            worker,
            "入会申请已通过",
            "王职工您好，您的入会申请已获批准，会员证号 T00000001。",
            url="/membership/",
        )

    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert envelope.rcpt_tos == ["worker@example.com"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"] == "入会申请已通过"
    assert message["To"] == "worker@example.com"
    assert "noreply@yunjishi.local" in message["From"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "王职工您好，您的入会申请已获批准，会员证号 T00000001。" in body
    assert "/membership/" in body
    assert Delivery.objects.get(channel="email").status == "sent"


def test_a_person_without_an_email_address_is_skipped(
    other_worker, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(other_worker, "入会申请已通过")

    assert smtp_server.envelopes == []
    assert dict(Delivery.objects.values_list("channel", "status")) == {
        "inbox": "sent",
        "email": "skipped",
    }


def test_when_the_mail_server_is_down_the_email_stays_pending_for_a_retry(
    worker, django_capture_on_commit_callbacks
):
    port = free_port()  # nothing listens here
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_TIMEOUT=2,
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(worker, "入会申请已通过")

    assert dict(Delivery.objects.values_list("channel", "status")) == {
        "inbox": "sent",
        "email": "pending",
    }
