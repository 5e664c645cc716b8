from typing import Any

from django.db import models

class MP_NodeQuerySet(models.QuerySet[Any, Any]):
    def __getattr__(self, name: str) -> Any: ...

class MP_NodeManager(models.Manager[Any]):
    def __getattr__(self, name: str) -> Any: ...

class MP_Node(models.Model):
    steplen: int
    alphabet: str
    node_order_by: list[str]
    path: models.CharField[str, str]
    depth: models.PositiveIntegerField[int, int]
    numchild: models.PositiveIntegerField[int, int]
    def __getattr__(self, name: str) -> Any: ...
    @classmethod
    def add_root(cls, **kwargs: Any) -> Any: ...
    @classmethod
    def get_root_nodes(cls) -> Any: ...
    @classmethod
    def get_tree(cls, parent: Any = ...) -> Any: ...
