from __future__ import annotations

import argparse
import os

from lawdesk.commands.common import EXIT_OK, EXIT_REFUSED, cells, print_json

STATUS = {"ok": ("正常", "ok"), "warning": ("警告", "warning"), "failed": ("失败", "FAILED"),
          "skipped": ("跳过", "skipped")}
NAMES = {"database": ("数据库", "database"), "store": ("录像存储", "footage store"),
         "pdf_font": ("文书字体", "PDF font"), "qt": ("Qt 界面", "Qt"),
         "screen_font": ("界面字体", "screen font"), "audio": ("录音 PortAudio", "audio"),
         "camera": ("摄像头", "camera"), "hq": ("总部连接", "HQ")}


class _Folder:
    """What common.language asks of a workspace: the folder's language setting, read
    without opening (and so migrating) the folder."""

    def __init__(self, language: str | None) -> None:
        self.language = language or "zh_CN"


def run(args: argparse.Namespace) -> int:
    if args.qt_probe:  # the child lawdesk.self_check starts: Qt, and nothing else
        from desktop.qt_probe import main as probe
        return probe(args.picture)
    from lawdesk.commands.common import language
    from lawdesk.paths import resolve_data_dir
    from lawdesk.self_check import failed, folder_language, run_checks
    data_dir = resolve_data_dir(args.data_dir)
    lang = language(None) if os.environ.get("LAWDESK_LANG") else \
        language(_Folder(folder_language(data_dir)))
    checks = run_checks(data_dir, db_url=getattr(args, "db", None),
                        store_dir=getattr(args, "store", None))
    if args.json:
        print_json({"data_dir": str(data_dir), "ok": not failed(checks),
                    "checks": [check.as_json(lang) for check in checks]})
    else:
        english = lang == "en"
        header = ("check", "result", "detail") if english else ("检查项", "结果", "说明")
        rows = [(NAMES.get(c.name, (c.name, c.name))[english], STATUS[c.status][english],
                 c.detail(lang)) for c in checks]
        width = [max(_width(row[i]) for row in [header, *rows]) for i in range(2)]
        for row in [header, *rows]:
            print(cells(_pad(row[0], width[0]) + "  " + _pad(row[1], width[1]) + "  " +
                        row[2]))
    return EXIT_REFUSED if failed(checks) else EXIT_OK


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: Chinese characters take two."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
