from django import template

from yunjishi.surveys import services

register = template.Library()


@register.simple_tag
def survey_reports():
    """The pages other apps offer on the answers of surveys (``services.offer_report``)."""
    return services.offered_reports()
