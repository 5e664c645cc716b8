"""A stations file is read within limits, in the background: a cell past the csv module's
own limit, a small workbook that unpacks to 700 000 rows or to gigabytes, a file over
5 MB — each gets a clear message (on the job, or at once for the size), never a server
error or a worker held until its timeout; a control character or an overlong cell is a
problem of its row. Nothing is imported then."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from yunjishi.stations import import_files
from yunjishi.stations.models import ImportJob, Station

HEADER = "站点名称,所属工会编码,地址,纬度,经度,开放时间\n"
GOOD = "甲站,T-SA,厦门市思明区测试路1号,24.45,118.08,24h\n"


def _file(content: bytes, name: str) -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = name
    return upload


@pytest.fixture
def send(client_for, admin_a, district, django_capture_on_commit_callbacks):
    """Upload over the API and let the worker run the job; the job as the API shows it."""
    client = client_for(admin_a)

    def send(upload):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/api/stations/staff/import", {"file": upload})
        assert response.status_code == 202, response.content
        return client.get(f"/api/stations/staff/import/jobs/{response.json()['id']}").json()

    return send


def test_a_cell_past_the_csv_modules_limit_is_a_message_naming_its_row(send):
    huge = "长" * 140_000  # the csv module refuses a field over 131 072 characters
    job = send(_file(f"{HEADER}{GOOD}{huge},T-SA,地址,24.45,118.08,24h\n".encode(), "s.csv"))

    assert job["status"] == "refused"
    assert job["problem"] == "第 3 行有超过 1000 个字符的单元格。"
    assert not Station.objects.exists()


def test_an_overlong_cell_or_a_control_character_is_a_problem_of_its_row(send):
    rows = [
        GOOD,
        f"{'长' * 1001},T-SA,地址,24.45,118.08,24h\n",
        "乙\x00站,T-SA,地址,24.45,118.08,24h\n",
        "丙站,T-SA,地\x0b址,24.45,118.08,24h\n",
    ]
    job = send(_file((HEADER + "".join(rows)).encode(), "s.csv"))

    assert (job["status"], job["error_count"]) == ("refused", 3)
    assert [(e["row"], e["column"]) for e in job["errors"]] == [
        (3, "name"),
        (4, "name"),
        (5, "address"),
    ]
    assert job["errors"][0]["message"] == "最多 1000 个字。"
    assert not Station.objects.exists()


def _rows_beyond_the_limit(count: int) -> bytes:
    """A workbook of ``count`` rows that zips to a few hundred KB: the header written by
    openpyxl, then the same row over and over (the sheet's XML, spliced in)."""
    book = Workbook(write_only=True)
    book.create_sheet("stations").append(["站点名称", "地址", "纬度", "经度", "开放时间"])
    small = io.BytesIO()
    book.save(small)
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    out = io.BytesIO()
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for part in source.infolist():
            data = source.read(part)
            if part.filename.startswith("xl/worksheets/"):
                data = data.replace(b"</sheetData>", row * count + b"</sheetData>")
            zf.writestr(part.filename, data)
    return out.getvalue()


def test_a_small_workbook_of_700_000_rows_is_refused_at_the_row_limit(send):
    content = _rows_beyond_the_limit(700_000)
    assert len(content) < 1024 * 1024

    job = send(_file(content, "s.xlsx"))

    assert job["status"] == "refused"
    assert job["problem"] == "每个文件最多 20000 行：请拆分为较小的文件。"
    assert job["rows"] == 0 and not Station.objects.exists()


def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused_unread(send):
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("xl/sharedStrings.xml", "w") as part,
    ):
        for _n in range(import_files.MAX_UNPACKED // (1024 * 1024) + 1):
            part.write(b"0" * 1024 * 1024)
    assert len(out.getvalue()) < 1024 * 1024

    job = send(_file(out.getvalue(), "s.xlsx"))

    assert job["status"] == "refused"
    assert job["problem"] == "该工作簿解压后超过 100 MB，请拆分为较小的文件。"


def test_a_file_over_5_mb_is_refused_at_once_without_a_job(client_for, admin_a, district):
    content = (HEADER + GOOD * (import_files.MAX_FILE_BYTES // len(GOOD.encode()) + 1)).encode()
    client = client_for(admin_a)

    api = client.post("/api/stations/staff/import", {"file": _file(content, "s.csv")})
    page = client.post("/stations/staff/import/", {"file": _file(content, "s.csv")})

    assert api.status_code == 400 and api.json()["code"] == "too_large"
    assert page.status_code == 200 and "文件大于 5 MB。" in page.content.decode()
    assert not ImportJob.objects.exists()


def test_a_csv_of_one_row_more_than_the_limit_is_refused(send):
    content = HEADER + GOOD * (import_files.MAX_FILE_ROWS + 1)

    job = send(_file(content.encode(), "s.csv"))

    assert (job["status"], job["problem"]) == (
        "refused",
        "每个文件最多 20000 行：请拆分为较小的文件。",
    )
    assert not Station.objects.exists()
