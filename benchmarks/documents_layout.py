"""PDF documents from the reports package: how long one takes and how many a second.

The document is a two-page penalty decision (title, number, party lines, numbered
paragraphs, a small table, amounts in capitals, signature), rendered to bytes in memory and
written through the atomic writer. Targets from issue 5: one document within 50 ms, at least
60 documents a second on one core, memory flat across the batch.

Two batches: the same decision with a new number each time (as a batch of one kind of
document mostly is: the template's text), and decisions whose party, address and facts all
differ, so that no two documents use the same characters in the same order and nothing
that reports keeps between documents (laid-out paragraphs, font subsets) can be reused.
Each prints wall time and the process's CPU time: on a busy machine the CPU time is the
steadier figure of what one core can do.
"""
from __future__ import annotations

import random
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


# Common characters for the varied batch's names, places and facts.
POOL = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你说年生产"
        "经营食品销售市场监督管理局县镇路号区街道村组公司商贸店超市药房餐饮服务部门执法检查"
        "发现货架保质期标签说明书进货查验记录票据证明责令改正没收违法所得罚款依据规定条款")


def varied(n: int) -> tuple[str, str, list[str]]:
    """A party, an address and five paragraphs of facts of their own for document ``n``."""
    chooser = random.Random(n)

    def words(count: int) -> str:
        return "".join(chooser.choice(POOL) for _ in range(count))

    facts = [f"经查，当事人于2026年{n % 12 + 1}月{words(60)}，货值金额{(n + i) * 37 % 9000 + 100}.00元，"
             f"{words(80)}。" for i in range(5)]
    return f"{words(6)}有限公司", f"某省{words(4)}市{words(3)}路{n}号", facts


def decision(font: FontChoice, n: int,
             text: tuple[str, str, list[str]] | None = None) -> Document:
    """The decision; ``text`` gives it a party, an address and paragraphs of its own."""
    party, address, facts = text or (
        f"某某食品有限公司第{n}分公司", "某省某市某县某某镇某某路1号某某大厦十二层", [FACTS] * 5)
    doc = Document("某县市场监督管理局\n行政处罚决定书", font)
    doc.paragraph(f"某市监罚决〔2026〕{n}号", align="right", indent=False)
    doc.meta_lines([("当事人：", party),
                    ("统一社会信用代码：", "91110000MA01ABCD2X"),
                    ("住所：", address)])
    paragraphs = iter(facts)
    for number, heading in enumerate(("一、违法事实和证据", "二、处罚依据", "三、处罚决定"), 1):
        doc.heading(heading)
        for _ in range(2 if number < 3 else 1):
            doc.paragraph(next(paragraphs))
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

    texts = [varied(n) for n in range(BATCH)]  # made before the clock starts
    for label, vary in (("the same decision, numbered", False),
                        ("decisions of different text", True)):
        start, cpu = time.perf_counter(), time.process_time()
        for n in range(BATCH):
            decision(font, n, texts[n] if vary else None).render()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"batch of {BATCH} ({label}), rendered to bytes: {BATCH / seconds:.0f} documents "
              f"per second ({BATCH / cpu:.0f} per CPU second, {cpu / BATCH * 1000:.1f} ms each)")

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
