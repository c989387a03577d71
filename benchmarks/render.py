"""Benchmark render_notice on notices whose 分工表 has 1,000, 10,000 and 30,000 tasks.

    python benchmarks/render.py [--sizes 1000 10000 30000]

Each size runs in a fresh process, which reports:
- the time per task, and its growth against the first size (flat is ≤ 1.2×);
- the floor, measured in the same run: the document.xml yifeng produced, written
  straight into the template's zip (every other part copied) — the least any renderer
  must do — and the ratio to it (target ≤ 2×);
- a second baseline: a bare Python loop formatting one f-string per task and writing
  the result into the zip — what any renderer written in Python pays;
- the process's peak memory (target < 300 MB at 30,000 tasks), and before rendering,
  with the notice of N tasks built.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import time
import zipfile

import attrs

from yifeng import examples
from yifeng.render import render_notice, template_path


def notice_with(tasks: int):  # type: ignore[no-untyped-def]
    base = examples.notice("nhc-2022")
    assert base.campaign is not None
    model = base.campaign.tasks
    many = tuple(attrs.evolve(model[i % len(model)], number=i + 1,
                              category=f"{model[i % len(model)].category}（第{i // 50 + 1}组）")
                 for i in range(tasks))
    return attrs.evolve(base, campaign=attrs.evolve(base.campaign, tasks=many))


def floor(document_xml: bytes) -> float:
    """Seconds to write ``document_xml`` into the notice template's zip."""
    start = time.perf_counter()
    with zipfile.ZipFile(template_path("notice")) as source, \
            zipfile.ZipFile(io.BytesIO(), "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = document_xml if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return time.perf_counter() - start


def bare_loop(notice, document_xml: bytes) -> float:  # type: ignore[no-untyped-def]
    """Seconds for the least a Python renderer does per task: one f-string of the row's
    cells (escaped) per task, joined into the body, written into the template's zip."""
    from xml.sax.saxutils import escape

    start = time.perf_counter()
    cell = '<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>'
    row = "<w:tr>" + cell * 6 + "</w:tr>"
    rows = [row.format(escape(str(t.number)), escape(t.category or ""), escape(t.content),
                       escape(t.responsibility.text), "", escape(t.deadline.text)) for t in notice.campaign.tasks]
    body = "".join(rows).encode("utf-8")
    del rows
    return time.perf_counter() - start + floor(body)


def one(size: int) -> dict[str, float]:
    notice = notice_with(size)
    model = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = io.BytesIO()
    start = time.perf_counter()
    render_notice(notice, out)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux reports KiB)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as rendered:
        document_xml = rendered.read("word/document.xml")
    return {"seconds": seconds, "floor": min(floor(document_xml) for _ in range(3)), "peak": peak,
            "model": model, "xml": len(document_xml), "loop": min(bare_loop(notice, document_xml) for _ in range(3))}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 30000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    print("render_notice (nhc-2022 with N tasks in its 分工表); floor: its document.xml into the template's zip")
    first = None
    for size in args.sizes:
        result = json.loads(subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                                           capture_output=True, text=True).stdout)
        per_task = result["seconds"] / size * 1000
        first = first or per_task
        print(f"  {size:>6} tasks  {result['seconds']:7.2f} s  {per_task:6.3f} ms/task  "
              f"growth x{per_task / first:4.2f}  floor {result['floor']:6.2f} s  "
              f"ratio x{result['seconds'] / result['floor']:4.2f}  peak {result['peak']:4.0f} MB "
              f"(model alone {result['model']:4.0f} MB)  "
              f"bare loop {result['loop']:5.2f} s (x{result['seconds'] / result['loop']:4.2f})  "
              f"document.xml {result['xml'] / 1e6:5.1f} MB")


if __name__ == "__main__":
    main()
