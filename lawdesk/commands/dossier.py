"""`lawdesk package …`: a case's evidence package, and checking one.

`package verify` runs the very verifier that ships in every package
(dossier.verify_package), so the command and a court's copy give the same verdict; it
needs no data folder and no user."""
from __future__ import annotations

import argparse
from pathlib import Path

from lawdesk.commands.common import (CommandError, login, open_workspace, print_json, say,
                                     warn)


def _pairs(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(--exclude, --reason) as given, each reason right after its file. Checked before the
    data folder is opened: a mistyped command line is answered at once."""
    pairs: list[tuple[str, str]] = []
    waiting: str | None = None
    for option, value in items:
        if option == "--exclude":
            if waiting is not None:
                raise CommandError(say(f"--exclude {waiting} 后缺少 --reason 理由",
                                       f"--exclude {waiting} has no --reason after it"))
            waiting = value
        elif waiting is None:
            raise CommandError(say("--reason 须紧跟在它所说明的 --exclude 之后",
                                   "--reason must follow the --exclude it explains"))
        else:
            pairs.append((waiting, value))
            waiting = None
    if waiting is not None:
        raise CommandError(say(f"--exclude {waiting} 后缺少 --reason 理由",
                               f"--exclude {waiting} has no --reason after it"))
    return pairs


def package_export(args: argparse.Namespace) -> int:
    exclude = _pairs(args.exclusions)
    from dossier.package.export import export_package
    from lawdesk.progressbar import TerminalProgress
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    bar = TerminalProgress(say("证据包", "Package", workspace), enabled=not args.json)
    try:
        result = export_package(ctx, workspace, args.number, Path(args.out), exclude=exclude,
                                progress=bar)
    finally:
        bar.finish()
    if args.json:
        print_json(result.as_json())
        return 0
    print(say(f"已写入 {result.out}：案件 {result.case_number}，音视频 {result.footage} 个、文书 "
              f"{result.documents} 份、未提供 {result.excluded} 个，共 {result.size:,} 字节；"
              f"审计日志 {result.ledger_entries} 条（{result.transactions} 个事务，"
              f"{result.countersigned} 个检查点有总部副署）",
              f"Written to {result.out}: case {result.case_number}, {result.footage} "
              f"recordings, {result.documents} documents, {result.excluded} left out, "
              f"{result.size:,} bytes; {result.ledger_entries} ledger entries in "
              f"{result.transactions} transactions ({result.countersigned} checkpoints "
              "countersigned by HQ)", workspace))
    print(say(f"公钥指纹：{result.fingerprint}", f"Key fingerprint: {result.fingerprint}",
              workspace))
    return 0


def package_verify(args: argparse.Namespace) -> int:
    from dossier.verify_package import EXIT_OK, EXIT_PROBLEMS, verify
    if not Path(args.package).exists():
        raise CommandError(say(f"找不到 {args.package}", f"{args.package} does not exist"))
    report = verify(args.package, args.fingerprint, args.hq_fingerprint)
    if args.json:
        print_json(report.as_json())
    else:
        print(report.text())
    if not report.ok:
        warn(say(f"证据包未通过核验：{len(report.problems)} 个问题",
                 f"the package failed verification: {len(report.problems)} problem(s)"))
    return EXIT_OK if report.ok else EXIT_PROBLEMS
