from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "yunjishi.core"
    label = "core"
