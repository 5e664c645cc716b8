"""A bad APPEALS_* setting stops start-up (``manage.py check``, runserver, gunicorn's
first request), instead of failing in the middle of a sweep."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from . import conf


@register()
def appeal_settings(app_configs, **kwargs):
    errors = []
    for read in (
        conf.overdue_hours,
        conf.overdue_clock,
        conf.business_hours,
        conf.accept_days,
        conf.rating_days,
        conf.public_minimum,
        conf.anonymity_min_members,
        *(lambda c=c: conf.deadline_days(c) for c in conf.DEFAULT_DEADLINE_DAYS),
    ):
        try:
            read()
        except ImproperlyConfigured as error:
            errors.append(Error(str(error), id="appeals.E001"))
    return errors
