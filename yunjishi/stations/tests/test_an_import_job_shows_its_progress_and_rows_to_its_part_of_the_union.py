"""A stations file is imported in the background: the staffer who uploads it is taken to
the job's page, which shows its progress while it runs and then the stations imported or
each bad row with its problem (nothing imported then). The staff above the job's union
may follow it too; another subtree's staff cannot even find it."""

import io

import pytest

from yunjishi.stations import tasks
from yunjishi.stations.models import ImportJob, ImportStatus, Station

HEADER = "站点名称,所属工会编码,地址,纬度,经度,开放时间,免费服务\n"


def _csv(*rows: str) -> io.BytesIO:
    upload = io.BytesIO((HEADER + "".join(rows)).encode())
    upload.name = "驿站.csv"
    return upload


def _good(n: int) -> str:
    return f"驿站{n},T-SA,厦门市思明区测试路{n}号,24.45,118.08,24h,热饭\n"


@pytest.fixture
def uploaded(client_for, admin_a, district):
    """Upload through the page; the job waits for the worker (its task is not run)."""

    def upload(*rows: str) -> ImportJob:
        response = client_for(admin_a).post("/stations/staff/import/", {"file": _csv(*rows)})
        job = ImportJob.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/stations/staff/import/{job.pk}/"
        return job

    return upload


def test_the_page_follows_a_waiting_job_then_shows_the_stations_imported(
    client_for, admin_a, uploaded
):
    job = uploaded(_good(1), _good(2))
    client = client_for(admin_a)

    waiting = client.get(f"/stations/staff/import/{job.pk}/").content.decode()
    assert "等待开始" in waiting and 'hx-trigger="every 2s"' in waiting and "刷新" in waiting
    assert "驿站.csv" in client.get("/stations/staff/import/").content.decode()

    tasks.run_import(job.pk)  # what the worker does

    done = client.get(f"/stations/staff/import/{job.pk}/").content.decode()
    assert 'id="import-done"' in done and "已导入 2 个站点。" in done
    assert "every 2s" not in done  # the page stops asking
    assert sorted(Station.objects.values_list("name", flat=True)) == ["驿站1", "驿站2"]
    job.refresh_from_db()
    assert (job.status, job.rows, job.checked, job.content) == (ImportStatus.DONE, 2, 2, b"")


def test_the_progress_of_a_job_being_checked_is_on_its_page(client_for, admin_a, uploaded):
    job = uploaded(_good(1))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKING, rows=1200, checked=500)

    page = client_for(admin_a).get(f"/stations/staff/import/{job.pk}/").content.decode()

    assert "正在检查各行" in page and "已检查 500 / 1200 行。" in page


def test_each_bad_row_is_listed_and_nothing_is_imported_until_the_file_is_right(
    client_for, admin_a, uploaded
):
    bad = [
        _good(1),
        "驿站2,T-SA,地址,95,118.08,24h,热饭\n",
        _good(3),
        _good(4).replace("热饭", "洗澡"),
    ]
    job = uploaded(*bad)
    tasks.run_import(job.pk)

    page = client_for(admin_a).get(f"/stations/staff/import/{job.pk}/").content.decode()
    assert "发现 2 个问题，未导入任何数据。" in page
    assert "<td>3</td><td>lat</td>" in page and "<td>5</td><td>services</td>" in page
    assert not Station.objects.exists()

    ImportJob.objects.all().delete()
    job = uploaded(_good(1), _good(2), _good(3), _good(4))
    tasks.run_import(job.pk)
    assert Station.objects.count() == 4


def test_staff_above_follow_the_job_and_another_subtree_cannot_find_it(
    client_for, uploaded, supervisor, handler_b
):
    job = uploaded(_good(1))
    tasks.run_import(job.pk)

    above = client_for(supervisor)
    assert above.get(f"/stations/staff/import/{job.pk}/").status_code == 200
    assert above.get(f"/api/stations/staff/import/jobs/{job.pk}").json()["created"] == 1

    other = client_for(handler_b)
    assert other.get(f"/stations/staff/import/{job.pk}/").status_code == 404
    assert other.get(f"/api/stations/staff/import/jobs/{job.pk}").status_code == 404
    assert other.get("/api/stations/staff/import/jobs").json()["items"] == []
    assert "驿站.csv" not in other.get("/stations/staff/import/").content.decode()


def test_a_job_delivered_twice_imports_once(uploaded):
    job = uploaded(_good(1))

    tasks.run_import(job.pk)
    tasks.run_import(job.pk)

    assert Station.objects.count() == 1


def test_a_job_whose_uploader_was_closed_meanwhile_imports_nothing(uploaded, admin_a):
    job = uploaded(_good(1))
    type(admin_a).objects.filter(pk=admin_a.pk).update(is_active=False)

    tasks.run_import(job.pk)

    job.refresh_from_db()
    assert (job.status, job.problem) == (ImportStatus.REFUSED, "上传该文件的账号已停用。")
    assert not Station.objects.exists()
