"""Case documents: how fast decision documents (行政处罚决定书) are produced from case data.

Prints, for a batch of 500 decisions of the example case (resources/examples/case.json):
  - rendered: case read from the database, fields filled, PDF laid out (no number taken);
  - issued: the same plus a number, the PDF kept in the archive and the ledger entry, each
    document its own committed transaction (fsync included);
  - the time of one document, data fetch included (median of single calls);
  - memory (resident set) every 100 documents, to see that it stays flat;
  - LibreOffice's docx-to-PDF conversion of a comparable document, when it is installed.

Targets (issue 5): at least 60 documents per second on one core; one document within 50 ms;
memory flat across the batch.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casework.cases import create_case, get_case, record_step  # noqa: E402
from casework.documents import (DocumentArchive, DocumentSettings, issue_document,  # noqa: E402
                                preview_document)
from casework.inputs import read_case_file  # noqa: E402
from config.settings import set_setting  # noqa: E402
from core.actor import Actor  # noqa: E402
from lawdesk.workspace import Workspace  # noqa: E402
from organisation.officers import CertificateInput, add_officer  # noqa: E402
from organisation.units import add_unit  # noqa: E402
from resources import resource_path  # noqa: E402

BATCH = 500
SINGLES = 50
KIND = "penalty_decision"


def rss_mib() -> float:
    """Resident memory now (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, AttributeError):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(folder: Path):  # noqa: ANN201
    workspace = Workspace.open(folder, create=True)
    workspace.initialise("admin", "bench-pass-1")
    admin = workspace.context(Actor("admin", frozenset({"admin"})))
    clerk = workspace.context(Actor("clerk", frozenset({"clerk"})))
    add_unit(admin, "综合执法一科", "执一")
    for name, number in (("张伟", "22010001"), ("李娜", "22010002")):
        add_officer(admin, name, "执一", CertificateInput(number, date(2099, 12, 31),
                                                         valid_from=date(2020, 1, 1)))
    set_setting(admin, "bureau.name", "农安县市场监督管理局")
    case = create_case(clerk, read_case_file(resource_path("examples", "case.json")))
    today = workspace.clock.today()
    for step in ("filing", "investigation", "notice"):
        record_step(clerk, case.number, step, today)
    return workspace, clerk, case


def batch(label: str, make, settings: DocumentSettings) -> None:  # noqa: ANN001
    memory = []
    start = time.perf_counter()
    for i in range(1, BATCH + 1):
        make()
        if i % 100 == 0:
            memory.append(rss_mib())
    seconds = time.perf_counter() - start
    print(f"{label}: {BATCH} documents in {seconds:.2f} s = {BATCH / seconds:.0f} per second "
          f"(target: at least 60)")
    print("  resident memory every 100 documents (MiB): "
          + ", ".join(f"{m:.0f}" for m in memory))


def single(make) -> None:  # noqa: ANN001
    times = []
    for _ in range(SINGLES):
        start = time.perf_counter()
        make()
        times.append((time.perf_counter() - start) * 1000)
    print(f"one document, data fetch included: median {statistics.median(times):.1f} ms, "
          f"slowest {max(times):.1f} ms of {SINGLES} (target: within 50 ms)")


def minimal_docx(path: Path, paragraphs: list[str]) -> None:
    """A plain Word document of the same text, for LibreOffice to convert."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>'
                   for p in paragraphs)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                f'2006/main"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/>'
                '</w:sectPr></w:body></w:document>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="'
            'application/vnd.openxmlformats-package.relationships+xml"/><Default Extension='
            '"xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>'))
        archive.writestr("word/document.xml", document)


def libreoffice_yardstick(scratch: Path, text: str) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice yardstick: not installed (soffice not found), skipped")
        return
    source = scratch / "decision.docx"
    minimal_docx(source, [line for line in text.splitlines() if line.strip()])
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir",
                        str(scratch), str(source)], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"LibreOffice docx to PDF of a comparable document: best {min(times) * 1000:.0f} ms "
          f"(a new soffice process each time, as a batch would run it)")


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        workspace, clerk, case = prepare(scratch / "data")
        settings = DocumentSettings.load(workspace.db)
        print(f"font: {settings.font.describe()}")
        archive = DocumentArchive(workspace.documents_dir)
        render = lambda: preview_document(clerk, case.number, KIND, settings=settings)  # noqa: E731
        issue = lambda: issue_document(clerk, archive, case.number, KIND,  # noqa: E731
                                       settings=settings)
        render()  # warm up: templates, font metrics
        single(lambda: preview_document(clerk, case.number, KIND))
        batch("rendered (data fetch, fields, PDF)", render, settings)
        batch("issued (also numbered, kept, in the ledger)", issue, settings)
        detail = get_case(clerk, case.number)
        print(f"issued {len(detail.documents)} decisions; pages of each: "
              f"{detail.documents[-1].pages}, size {detail.documents[-1].size:,} bytes")
        from pypdf import PdfReader  # the text of one decision, for the yardstick
        from io import BytesIO
        text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(render())).pages)
        libreoffice_yardstick(scratch, text)
        workspace.close()


if __name__ == "__main__":
    main()
