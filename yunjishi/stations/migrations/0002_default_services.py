"""The free services the seeds name (取暖, 避暑, 休息, 热饭, 饮水, 无线上网, 应急救治, 借伞,
充电, 如厕); the union may rename them or add more in the back office."""

from django.db import migrations


def add_services(apps, schema_editor):
    from yunjishi.stations.services import ensure_default_services

    ensure_default_services(apps.get_model("stations", "Service"))


class Migration(migrations.Migration):
    dependencies = [("stations", "0001_initial")]

    operations = [migrations.RunPython(add_services, migrations.RunPython.noop)]
