"""PDF documents from the reports package: how long one takes and how many a second.

The document is a two-page penalty decision (title, number, party lines, numbered
paragraphs, a small table, amounts in capitals, signature), rendered to bytes in memory and
written through the atomic writer. Targets from issue 5: one document within 50 ms, at least
60 documents a second on one core, memory flat across the batch.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reports import Document, capital_amount, find_font  # noqa: E402
from reports.fonts import FontChoice  # noqa: E402

BATCH = 200
SINGLE_RUNS = 20
FACTS = ("经查，当事人于2026年3月至5月期间，在其经营场所销售不符合食品安全标准的食品"
         "（详见《检验报告》），货值金额10005.20元，违法所得3000元。上述事实有现场检查笔录、"
         "询问笔录、检验报告、照片等证据证实，当事人对违法事实无异议。")


def decision(font: FontChoice, n: int) -> Document:
    doc = Document("某县市场监督管理局\n行政处罚决定书", font)
    doc.paragraph(f"某市监罚决〔2026〕{n}号", align="right", indent=False)
    doc.meta_lines([("当事人：", f"某某食品有限公司第{n}分公司"),
                    ("统一社会信用代码：", "91110000MA01ABCD2X"),
                    ("住所：", "某省某市某县某某镇某某路1号某某大厦十二层")])
    for number, heading in enumerate(("一、违法事实和证据", "二、处罚依据", "三、处罚决定"), 1):
        doc.heading(heading)
        for _ in range(2 if number < 3 else 1):
            doc.paragraph(FACTS)
    doc.table(["序号", "项目", "金额（元）"],
              [["1", "没收违法所得", "3000.00"], ["2", "罚款", "10005.20"]])
    doc.paragraph(f"以上合计人民币13005.20元（大写：{capital_amount('13005.20')}）。")
    return doc.signature_block("某县市场监督管理局", "2026年6月15日")


def resident_kib() -> int | None:
    try:  # Linux: resident set size in pages
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return None
    import resource
    return pages * resource.getpagesize() // 1024


def main() -> None:
    start = time.perf_counter()
    font = find_font()
    print(f"font: {font.describe()}; found and registered in "
          f"{(time.perf_counter() - start) * 1000:.0f} ms (once per process)")

    start = time.perf_counter()
    first = decision(font, 0)
    first.render()
    print(f"first document ({first.page_count} pages, reportlab warming up): "
          f"{(time.perf_counter() - start) * 1000:.1f} ms")

    times = []
    for n in range(SINGLE_RUNS):
        start = time.perf_counter()
        decision(font, n).render()
        times.append(time.perf_counter() - start)
    print(f"one document, built and rendered to bytes: median "
          f"{statistics.median(times) * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms "
          f"(target: within 50 ms)")

    start = time.perf_counter()
    for n in range(BATCH):
        decision(font, n).render()
    seconds = time.perf_counter() - start
    print(f"batch of {BATCH}, rendered to bytes: {BATCH / seconds:.0f} documents per second")

    with tempfile.TemporaryDirectory() as scratch:
        before = resident_kib()
        start = time.perf_counter()
        middle = None
        for n in range(BATCH):
            decision(font, n).write(Path(scratch) / f"{n:04d}.pdf")
            if n == BATCH // 2:
                middle = resident_kib()
        seconds = time.perf_counter() - start
        after = resident_kib()
        size = sum(p.stat().st_size for p in Path(scratch).iterdir()) / BATCH
    print(f"batch of {BATCH}, each written to disk (fsync): {BATCH / seconds:.0f} documents "
          f"per second, {seconds:.2f} s, {size / 1024:.0f} KiB each (target: at least 60 per second)")
    if before is not None:
        print(f"resident memory: {before / 1024:.1f} MiB before, {middle / 1024:.1f} MiB half-way, "
              f"{after / 1024:.1f} MiB after")


if __name__ == "__main__":
    main()
