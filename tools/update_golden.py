"""Regenerate the golden images of the case documents: tests/casework/golden/*.png.

    python -m tools.update_golden            # every template, both cases
    python -m tools.update_golden --check    # exit 1 naming the images that differ

Each image is the first page of a document issued for the example case (a company) or for
the same case against a natural person, of the two device PDFs, or of the legal review's
two documents (tests/casework/layout_cases.py), rendered by poppler's pdftoppm at 50 dpi
in grey. tests/casework/test_document_layout.py compares the pages it renders with them;
a layout change fails there until the images are regenerated with this command,
deliberately, and the new images are looked at in review. The images depend on the fonts
the tests find (scripts/setup.sh installs them: AR PL UMing, Liberation Serif for the
figures), like the documents themselves.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "casework" / "golden"
DPI = 50
# A pixel differs when its grey level moves by more than this (anti-aliasing noise stays
# below it); a page differs when more than this share of its pixels do.
PIXEL_STEP = 64
MAX_CHANGED = 0.002


def first_page_png(pdf: Path) -> bytes:
    """The first page as a PNG at ``DPI`` in 16 greys (small enough to keep in git)."""
    from PIL import Image
    grey = subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", "1", "-l", "1",
                           "-png", str(pdf)], check=True, capture_output=True).stdout
    image = Image.open(BytesIO(grey)).convert("L").point(lambda v: v // 17 * 17)
    out = BytesIO()
    image.quantize(16).save(out, "PNG", optimize=True, bits=4)
    return out.getvalue()


def changed_share(image: bytes, reference: bytes) -> float:
    """The share of pixels that differ (1.0 when the sizes differ)."""
    from PIL import Image, ImageChops
    one = Image.open(BytesIO(image)).convert("L")
    other = Image.open(BytesIO(reference)).convert("L")
    if one.size != other.size:
        return 1.0
    diff = ImageChops.difference(one, other).point(lambda v: 255 if v > PIXEL_STEP else 0)
    histogram = diff.histogram()
    return histogram[255] / (one.size[0] * one.size[1])


def golden_path(case: str, kind: str) -> Path:
    return GOLDEN / f"{case}-{kind}.png"


def issued_documents(folder: Path):  # noqa: ANN201
    sys.path.insert(0, str(ROOT))
    from tests.casework.layout_cases import issue_everything
    return issue_everything(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare only; exit 1 naming the images that differ")
    args = parser.parse_args(argv)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    differ = []
    with tempfile.TemporaryDirectory() as temp:
        for case, issued in issued_documents(Path(temp)).items():
            for kind, pdf in issued.pdfs.items():
                image, path = first_page_png(pdf), golden_path(case, kind)
                same = path.is_file() and changed_share(image, path.read_bytes()) <= MAX_CHANGED
                if not same:
                    differ.append(path.name)
                    if not args.check:
                        temp_path = path.with_suffix(".png.tmp")
                        temp_path.write_bytes(image)
                        temp_path.replace(path)
    for name in differ:
        print(("differs: " if args.check else "written: ") + name)
    return 1 if args.check and differ else 0


if __name__ == "__main__":
    sys.exit(main())
