"""Every public write service is its own outermost transaction.

1. Each function marked by ``core.db.write_service`` (found by importing every module of
   the ``yunjishi`` package), and each whose body is one ``transaction.atomic(durable=True)``
   block, refuses to run inside a caller's ``transaction.atomic()`` and writes nothing.
2. Nobody forgot the mark: the public functions of the service modules whose body writes
   (a model's ``create``/``save``/``update``/``delete``…, a lifecycle move, a notification,
   or a call of another function that writes) are write services, or are on the short
   list below of building blocks that run inside their caller's transaction, each with
   its reason.
"""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import yunjishi
from yunjishi.core.db import is_write_service

ROOT = Path(yunjishi.__file__).parent

# --- Which modules hold services ---------------------------------------------------------

# Modules of an app that hold no service: pages, API, admin, forms, models, reading only.
NOT_SERVICES = {
    "admin",
    "admin_scope",
    "api",
    "api_demand",
    "api_staff",
    "apps",
    "checks",
    "conf",
    "context_processors",
    "decorators",
    "demand_urls",
    "export",
    "exports",
    "forms",
    "members_api",
    "models",
    "queries",
    "schemas",
    "staff_urls",
    "stats",
    "tasks",
    "urls",
}
# Not apps with services: shared helpers (core, which has none that write), the demo and
# the project-level tests.
NOT_APPS = {"core", "demo", "locale", "static", "templates", "tests"}


def service_files() -> list[Path]:
    found = []
    for app in sorted(p for p in ROOT.iterdir() if p.is_dir() and p.name not in NOT_APPS):
        if not (app / "__init__.py").exists():
            continue
        found += [
            p
            for p in sorted(app.glob("*.py"))
            # pages: views.py and every <who>_views.py
            if p.stem not in NOT_SERVICES and not p.stem.endswith("views")
        ]
        found += sorted((app / "services").glob("*.py"))
    return [p for p in found if p.stem != "__init__" or p.parent.name == "services"]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# --- Building blocks: not durable, run inside their caller's transaction ----------------

BUILDING_BLOCKS = {
    # audit: the entry commits or rolls back with the act it records
    "yunjishi.audit.services.record": "one audit entry, in the caller's transaction when "
    "there is one (a change and its entry commit together), else on its own",
    "yunjishi.people.auditing.record_member_list": "record() of a list of members",
    "yunjishi.people.auditing.record_member_view": "record() of a member's page",
    # booking: the one capacity engine, always part of a domain write
    "yunjishi.booking.services.create_pool": "the pool of a new listing or activity, "
    "written in the same transaction",
    "yunjishi.booking.services.reserve": "takes a place in the caller's transaction "
    "(refuses to run outside one)",
    "yunjishi.booking.services.release": "gives a place back in the caller's transaction",
    "yunjishi.booking.services.mark_used": "spends a place in the caller's transaction",
    "yunjishi.booking.services.add_places": "changes a slot's places in the caller's "
    "transaction (one conditional update)",
    # notify: written with the change that is told, delivered on commit
    "yunjishi.notify.services.notify": "writes the notification in the caller's "
    "transaction and delivers it on commit",
    "yunjishi.notify.services.notify_many": "notify() for several people",
    "yunjishi.notify.receivers.tell_owner_of_a_signup_attempt": "notify() inside the "
    "sign-up's transaction (people.services.register_worker sends the signal)",
    "yunjishi.notify.delivery.run_delivery": "the body of the delivery task: each channel's "
    "row is updated on its own after the send, so a failed channel does not undo a sent one",
    # appeals: notices written inside the appeal service's transaction
    "yunjishi.appeals.telling.tell": "notify_many() with the appeal's page and dedupe key",
    "yunjishi.appeals.telling.tell_staff": "tell() to the responsible staff, in their words",
    "yunjishi.appeals.telling.tell_worker": "tell() to the sender",
    # people: small helpers of the services above them
    "yunjishi.people.services.member_profile": "one get_or_create of the empty profile, "
    "inside the membership services' transaction (and on its own for a reading page)",
    "yunjishi.people.services.password_was_set": "the audit entry and the notice of a "
    "password set in the admin, inside the transaction of the admin's password view",
    "yunjishi.notify.receivers.tell_of_a_password_set_by_staff": "notify() inside the "
    "transaction that sent the signal (password_was_set)",
    # market
    "yunjishi.market.orders.transition": "the order's lifecycle move inside the order "
    "services' transaction (refuses to run outside one)",
    "yunjishi.market.search.index_listing": "the listing's search terms, rewritten in the "
    "transaction that changes the listing (and by the admin's save)",
    # stations
    "yunjishi.stations.services.ensure_default_services": "run by a migration inside its "
    "transaction and by the demo; creates only what is missing",
    "yunjishi.stations.services.take_codes": "hands out codes by a conditional update, "
    "inside the transaction that saves the stations",
    "yunjishi.stations.services.refresh_index": "rebuilds a locked station's index inside "
    "the caller's transaction",
    # membership
    "yunjishi.membership.services.requests.decide": "the decision's move inside approve "
    "and decline",
    "yunjishi.membership.services.requests.withdraw_for": "the withdrawal's move inside "
    "withdraw and leave",
    "yunjishi.membership.services.requests.tell": "notify_many() with membership's kind",
    "yunjishi.membership.services.requests.not_member_any_more": "the profile's status "
    "inside decline and withdraw",
}

# A sequence of write services, each its own transaction: a sweep or a wrapper.
SEQUENCES = {
    "yunjishi.market.orders.auto_confirm": "a sweep: each order confirmed in its own "
    "transaction, so one conflict skips one order",
    "yunjishi.market.orders.reorder": "checks, then place_order (the transaction)",
    "yunjishi.membership.services.joining.escalate_overdue": "a sweep: each application "
    "escalated or flagged in its own transaction",
    "yunjishi.stations.imports.import_table": "checks every row outside the transaction, "
    "then create_many (the transaction)",
    "yunjishi.stations.imports.import_file": "reads the file, then import_table",
    "yunjishi.stations.import_worker.run": "the background import: claims the job and "
    "keeps its progress by single updates, each on its own so that its page sees them, "
    "then create_many (the transaction)",
    "yunjishi.appeals.services.handling.act_on_many": "the bulk actions: each appeal "
    "through its own write service, so one refusal does not undo the others",
    "yunjishi.appeals.sweep.run": "the periodic sweep: overdue tags, closing unrated "
    "appeals and supervision reminders, each step its own transaction",
    "yunjishi.appeals.services.closing.close_unrated": "a sweep: each appeal closed in its "
    "own transaction (a close locks its tally row, which a rating locks too)",
    "yunjishi.appeals.supervision.remind_supervisions": "a sweep: each supervision's "
    "reminder written in its own transaction",
    "yunjishi.appeals.services.submitting.submit": "checks and prepares (photos, search "
    "terms, routing, deadlines), then _write_appeal (the transaction)",
    "yunjishi.appeals.services.submitting.add_photos": "checks and prepares the photos, "
    "then _store_new_photos (the transaction)",
    "yunjishi.appeals.services.handling.answer_info": "checks and prepares (photos, the "
    "moved deadline), then _give_info (the transaction)",
}
# Reading, with one write of its own that is a single statement.
READS = {
    "yunjishi.membership.services.reading.overview": "reads the membership page; its only "
    "write is member_profile()'s get_or_create of an empty profile",
}
ALLOWED = {**BUILDING_BLOCKS, **SEQUENCES, **READS}

# --- Reading a service module -------------------------------------------------------------

# ``x.name(...)``: a write whatever ``x`` is (a model, a manager, a queryset, a lifecycle).
WRITING_METHODS = {
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "delete",
    "move",
    "begin",
    "create_user",
    "add_root",
    "add_child",
    "executemany",
}
WRITING_FUNCTIONS = {"notify", "notify_many"}


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _writes_itself(node: ast.AST) -> bool:
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        name = _called_name(call)
        method = isinstance(call.func, ast.Attribute)
        if method and name in WRITING_METHODS:
            return True
        # ``row.save()`` / ``row.save(update_fields=…)``; a QR code or a workbook is saved
        # into a buffer given as an argument
        if method and name == "save" and not call.args:
            return True
        # ``queryset.update(column=…)``; ``a_dict.update(other)`` has no keywords
        if method and name == "update" and call.keywords:
            return True
        if name in WRITING_FUNCTIONS:
            return True
    return False


def _is_marked(fn: ast.FunctionDef) -> bool:
    for decorator in fn.decorator_list:
        name = decorator.attr if isinstance(decorator, ast.Attribute) else None
        if isinstance(decorator, ast.Name):
            name = decorator.id
        if name == "write_service":
            return True
    return False


def _durable_block(fn: ast.FunctionDef) -> bool:
    """The body is one ``with transaction.atomic(durable=True):`` (after a docstring)."""
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if not body or not isinstance(body[0], ast.With):
        return False
    return any(
        isinstance(item.context_expr, ast.Call)
        and _called_name(item.context_expr) == "atomic"
        and any(
            k.arg == "durable" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in item.context_expr.keywords
        )
        for item in body[0].items
    )


class Module:
    """A parsed service module: its functions, and what its names stand for."""

    def __init__(self, path: Path):
        self.name = module_name(path)
        self.package = self.name if path.stem == "__init__" else self.name.rsplit(".", 1)[0]
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.functions = {n.name: n for n in self.tree.body if isinstance(n, ast.FunctionDef)}
        self.names = {name: f"{self.name}.{name}" for name in self.functions}
        for node in ast.walk(self.tree):  # imports, also those inside functions
            if isinstance(node, ast.ImportFrom):
                source = self._absolute(node)
                for alias in node.names:
                    self.names[alias.asname or alias.name] = f"{source}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    self.names[alias.asname or alias.name.split(".")[0]] = (
                        alias.name if alias.asname else alias.name.split(".")[0]
                    )

    def _absolute(self, node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        base = self.package.rsplit(".", node.level - 1)[0] if node.level > 1 else self.package
        return f"{base}.{node.module}" if node.module else base

    def callees(self, fn: ast.FunctionDef) -> set[str]:
        """What ``fn`` calls by a name this module knows: ``f()`` and ``module.f()``."""
        found = set()
        for call in (n for n in ast.walk(fn) if isinstance(n, ast.Call)):
            func = call.func
            if isinstance(func, ast.Name) and func.id in self.names:
                found.add(self.names[func.id])
            elif (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id in self.names
            ):
                found.add(f"{self.names[func.value.id]}.{func.attr}")
        return found


def modules() -> dict[str, Module]:
    return {m.name: m for m in map(Module, service_files())}


def functions() -> dict[str, tuple[Module, ast.FunctionDef]]:
    """Every module-level function of the service modules, by ``module.name``."""
    return {
        f"{module.name}.{name}": (module, fn)
        for module in modules().values()
        for name, fn in module.functions.items()
    }


def _defined(key: str, by_module: dict[str, Module]) -> str:
    """Where the name ``key`` (``module.name``) is defined, following re-exports."""
    for _hop in range(5):
        module, _dot, name = key.rpartition(".")
        found = by_module.get(module)
        if found is None or name in found.functions or name not in found.names:
            return key
        key = found.names[name]
    return key


def writers(found) -> set[str]:
    """The functions that write, themselves or through what they call."""
    by_module = {module.name: module for module, _fn in found.values()}
    writing = {key for key, (_module, fn) in found.items() if _writes_itself(fn)}
    calls = {
        key: {_defined(callee, by_module) for callee in module.callees(fn)}
        for key, (module, fn) in found.items()
    }
    while True:
        more = {key for key in found if key not in writing and calls[key] & writing}
        if not more:
            return writing
        writing |= more


def unmarked_writers(app: str) -> list[str]:
    found = functions()
    return sorted(
        key
        for key in writers(found)
        if key.split(".")[1] == app
        and not key.rsplit(".", 1)[1].startswith("_")
        and not _is_marked(found[key][1])
        and not _durable_block(found[key][1])
        and key not in ALLOWED
    )


APPS = sorted({module_name(p).split(".")[1] for p in service_files()})


@pytest.mark.parametrize("app", APPS)
def test_every_public_function_that_writes_is_a_write_service(app):
    assert unmarked_writers(app) == []


def test_the_allow_list_names_only_unmarked_functions_that_write():
    found = functions()
    writing = writers(found)
    stale = [key for key in ALLOWED if key not in writing or _is_marked(found[key][1])]
    assert stale == []


def test_the_scan_sees_the_services_it_should():
    """A guard on the guard: the scan finds known writers, or it proves nothing."""
    found = functions()
    writing = writers(found)
    for key in (
        "yunjishi.market.orders.allocate",
        "yunjishi.market.listings.submit",
        "yunjishi.stations.services.change_status",
        "yunjishi.membership.services.joining.approve",
        "yunjishi.membership.services.requests.decline",
    ):
        assert key in writing and _is_marked(found[key][1]), key


# --- Calling every write service inside a transaction -------------------------------------


def all_modules():
    for info in pkgutil.walk_packages(yunjishi.__path__, "yunjishi."):
        if {"tests", "migrations"} & set(info.name.split(".")) or info.name == "yunjishi.wsgi":
            continue
        yield importlib.import_module(info.name)


def write_services() -> list:
    """Every function marked as a write service, and every one whose body is a durable
    block, once each."""
    found: dict[str, object] = {}
    explicit = {key for key, (_module, fn) in functions().items() if _durable_block(fn)}
    for module in all_modules():
        for name, value in vars(module).items():
            if not inspect.isfunction(value) or value.__module__ != module.__name__:
                continue
            key = f"{module.__name__}.{name}"
            if is_write_service(value) or key in explicit:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[key] for key in sorted(found)]


SERVICES = write_services()


def placeholders(service) -> tuple[list, dict]:
    """None for every argument without a default: the durable block refuses before the
    body reads any of them."""
    args, kwargs = [], {}
    for parameter in inspect.signature(service).parameters.values():
        if parameter.default is not inspect.Parameter.empty:
            continue
        if parameter.kind is parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = None
        elif parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            args.append(None)
    return args, kwargs


def test_there_are_write_services_in_every_app_that_writes():
    apps = {service.__module__.split(".")[1] for service in SERVICES}
    assert {"market", "stations", "membership", "people", "orgs", "notify"} <= apps


@pytest.mark.django_db
@pytest.mark.parametrize(
    "service", SERVICES, ids=[f"{s.__module__}.{s.__qualname__}" for s in SERVICES]
)
def test_a_write_service_refuses_to_run_inside_another_transaction(service):
    args, kwargs = placeholders(service)
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(RuntimeError, match="durable"),
        transaction.atomic(),
    ):
        service(*args, **kwargs)
    written = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert written == []
