"""Operating-system errors in one Chinese line, for the command line and batch runs."""

from __future__ import annotations

import errno
from typing import Final

_ERRNO: Final = {
    errno.ENOENT: "文件不存在", errno.EACCES: "没有权限", errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个文件夹，不是文件", errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENOSPC: "磁盘空间不足", errno.EROFS: "磁盘是只读的", errno.ENAMETOOLONG: "文件名太长",
    errno.EEXIST: "已经存在",
}


def describe_os_error(exc: OSError) -> str:
    """"路径：原因" for an OSError, in Chinese where the error number is a common one."""
    where = exc.filename if exc.filename is not None else ""
    why = _ERRNO.get(exc.errno or 0) or exc.strerror or str(exc)
    return f"{where}：{why}" if where else why
