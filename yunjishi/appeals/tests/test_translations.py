"""The words of the seed are the ones shown: 诉求, 受理, 办理中, 已办结, 超期, 督办, 待补充
(the catalog itself: core/tests/test_catalogs.py)."""

from django.utils import translation

from yunjishi.appeals.models import Status


def test_the_states_read_as_the_union_says_them():
    with translation.override("zh-hans"):
        labels = [str(status.label) for status in Status]
    assert labels == [
        "已提交",
        "已受理",
        "办理中",
        "待补充",
        "已办结",
        "已解释",
        "已关闭",
        "已合并",
    ]
