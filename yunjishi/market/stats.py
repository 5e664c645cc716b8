"""Figures per org subtree for staff: orders by domain and state, 服务人次, rating, completion."""

from django.db.models import Avg, Count

from yunjishi.orgs.models import Org

from .models import Domain, Order, OrderStatus, Review

SERVED = (OrderStatus.DELIVERED, OrderStatus.CONFIRMED, OrderStatus.REVIEWED)
CLOSED = SERVED + (OrderStatus.CANCELLED, OrderStatus.NO_SHOW)


def figures(org: Org) -> dict:
    orders = Order.objects.filter(org.subtree_q("listing__org__path"))
    by_state = dict(orders.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    by_domain_state: dict[str, dict[str, int]] = {}
    for domain, status, n in (
        orders.values_list("listing__domain", "status")
        .annotate(n=Count("id"))
        .values_list("listing__domain", "status", "n")
    ):
        by_domain_state.setdefault(domain, {})[status] = n
    total = sum(by_state.values())
    served = sum(by_state.get(s, 0) for s in SERVED)
    closed = sum(by_state.get(s, 0) for s in CLOSED)
    rating = Review.objects.filter(org.subtree_q("listing__org__path")).aggregate(
        avg=Avg("stars"), n=Count("id")
    )
    return {
        "total": total,
        "by_state": {s.value: by_state.get(s.value, 0) for s in OrderStatus},
        "by_domain": [
            {
                "domain": d.value,
                "label": d.label,
                "total": sum(by_domain_state.get(d.value, {}).values()),
                "by_state": by_domain_state.get(d.value, {}),
            }
            for d in Domain
        ],
        "served": served,  # 服务人次
        "completion_rate": round(served / closed, 4) if closed else None,
        "average_rating": round(rating["avg"], 2) if rating["avg"] is not None else None,
        "reviews": rating["n"],
    }
