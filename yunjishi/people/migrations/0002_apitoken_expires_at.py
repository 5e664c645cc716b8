import datetime

from django.conf import settings
from django.db import migrations, models


def expire_from_creation(apps, schema_editor):
    """Tokens issued before expiry existed end API_TOKEN_DAYS after they were issued."""
    ApiToken = apps.get_model("people", "ApiToken")
    days = datetime.timedelta(days=getattr(settings, "API_TOKEN_DAYS", 30))
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + days)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires at"),
        ),
        migrations.RunPython(expire_from_creation, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(db_index=True, verbose_name="expires at"),
        ),
    ]
