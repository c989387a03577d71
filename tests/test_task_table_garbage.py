"""Files that are not a usable 分工表 are refused in Chinese, naming the file."""

import io
import zipfile

import openpyxl
import pytest

from yifeng.errors import TableFormatError, YifengError
from yifeng.io import read_task_table

from .layouts import jilin_layout, workbook

ENGINES = ["openpyxl", "calamine"]


def refused(data_or_path, engine, match):
    source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
    with pytest.raises(TableFormatError, match=match) as caught:
        read_task_table(source, engine=engine)
    error = caught.value
    assert isinstance(error, YifengError) and isinstance(error, ValueError)
    # No third-party traceback is chained onto ours.
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    return str(error)


@pytest.mark.parametrize("engine", ENGINES)
def test_not_a_workbook(engine):
    refused(b"\x89PNG\r\n\x1a\n" + bytes(200), engine, "不是 Excel 工作簿")
    refused("序号,重点任务\n1,任务\n".encode("utf-8"), engine, "CSV")


@pytest.mark.parametrize("engine", ENGINES)
def test_empty_file(engine):
    refused(b"", engine, "文件是空的")


@pytest.mark.parametrize("engine", ENGINES)
def test_truncated_workbook(engine):
    data = jilin_layout()
    refused(data[: len(data) // 2], engine, "不完整或已损坏")


def _ole(*streams: str) -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return header + b"".join(name.encode("utf-16-le") for name in streams) + bytes(1024)


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_workbook(engine):
    refused(_ole("EncryptionInfo", "EncryptedPackage"), engine, "已加密")


def test_legacy_xls_without_calamine_says_what_to_do():
    refused(_ole("Workbook"), "openpyxl", r"旧版 \.xls.*另存为 \.xlsx")


def test_broken_legacy_xls_with_calamine():
    refused(_ole("Workbook"), "calamine", "不完整或已损坏")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_word_document(engine):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    message = refused(buffer.getvalue(), engine, "不是 Excel 工作簿|无法作为 Excel 工作簿打开|不完整或已损坏")
    if engine == "openpyxl":
        assert "Word 文档" in message


@pytest.mark.parametrize("engine", ENGINES)
def test_empty_workbook(engine):
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    refused(buffer.getvalue(), engine, "工作簿是空的")


@pytest.mark.parametrize("engine", ENGINES)
def test_workbook_without_a_task_table(engine):
    data = workbook([["姓名", "电话"], ["张三", "13812345678"]], before=["填表说明"])
    message = refused(data, engine, "没有找到任务分工表")
    assert "全部 2 个工作表" in message


@pytest.mark.parametrize("engine", ENGINES)
def test_missing_file_and_directory_name_the_path(tmp_path, engine):
    message = refused(tmp_path / "没有这个文件.xlsx", engine, "文件不存在")
    assert "没有这个文件.xlsx" in message
    refused(tmp_path, engine, "文件夹")


@pytest.mark.parametrize("engine", ENGINES)
def test_messages_name_the_file(tmp_path, engine):
    path = tmp_path / "分工表（县卫健委）.xlsx"
    path.write_bytes(b"not a workbook")
    assert str(path) in refused(path, engine, "不是 Excel 工作簿")
