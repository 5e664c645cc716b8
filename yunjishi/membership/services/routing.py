"""Which union takes a worker in, and the checks of what they type about their employer."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from yunjishi.orgs.models import Level, Org

from ..models import IntakeRule, RouteReason

# The levels a worker may pick as "where I work": regional unions, not enterprises.
REGIONAL_LEVELS = (Level.PROVINCE, Level.CITY, Level.COUNTY, Level.STREET, Level.COMMUNITY)


def normalize_employer(name: str) -> str:
    """Full-width to half-width, no spaces: "甲 公司（深圳）" and "甲公司(深圳)" match."""
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def clean_credit_code(code: str) -> str:
    code = normalize_employer(code).upper()
    if not code:
        return ""
    try:
        return uscc.validate(code)
    except StdnumError:
        raise ValidationError(
            {
                "credit_code": [
                    _("The unified social credit code is not valid: check the 18 characters.")
                ]
            }
        ) from None


def route(
    occupation,
    area: Org,
    employer_name: str = "",
    credit_code: str = "",
    *,
    new_employment_form=False,
):
    """The union that should take a worker in, and why: at most two queries.

    1. an enterprise union of the employer (credit code first, then the employer's name);
    2. for new-employment-form work, the intake rule of the occupation whose area is the
       nearest ancestor-or-self of the chosen area (e.g. a regional rider union);
    3. the chosen area's own union.
    """
    employer = _employer_union(area, normalize_employer(employer_name), credit_code)
    if employer is not None:
        return employer, RouteReason.EMPLOYER
    if occupation is not None and (new_employment_form or occupation.is_new_employment_form):
        rule = (
            IntakeRule.objects.filter(
                occupation=occupation, area__path__in=area.ancestor_paths(), org__is_active=True
            )
            .select_related("org")
            .order_by("-area__depth")
            .first()
        )
        if rule is not None:
            return rule.org, RouteReason.OCCUPATION
    return area, RouteReason.AREA


def _employer_union(area: Org, employer_name: str, credit_code: str) -> Org | None:
    wanted = Q(pk__in=[])
    if credit_code:
        wanted |= Q(credit_code=credit_code)
    if employer_name:
        wanted |= Q(employer_name=employer_name)
    if not (credit_code or employer_name):
        return None
    candidates = list(Org.objects.filter(wanted, is_active=True)[:50])

    def rank(org):  # credit code beats name; then the union nearest the chosen area
        shared = len(_common_prefix(org.path, area.path))
        return (bool(credit_code) and org.credit_code == credit_code, shared)

    return max(candidates, key=rank, default=None)


def _common_prefix(a: str, b: str) -> str:
    end = 0
    while end < min(len(a), len(b)) and a[end] == b[end]:
        end += 1
    return a[: end - end % Org.steplen]
