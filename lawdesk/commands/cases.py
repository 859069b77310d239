"""`lawdesk case …` and `lawdesk doc …`: cases, their steps and evidence, and documents.

Dates given on the command line are the bureau's calendar days (YYYY-MM-DD); times in
--json are ISO 8601 in UTC.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from lawdesk.commands.common import (CommandError, cells, language, login, open_workspace,
                                     parse_date, print_json, print_rows, say, unit_id_of)


def _typed_fields(path: str | None, workspace) -> dict[str, str]:  # noqa: ANN001
    """--fields FILE.json: an object of field key -> text."""
    if path is None:
        return {}
    from core.user_files import read_json_file
    data = read_json_file(path)
    if not isinstance(data, dict) or not all(
            isinstance(v, (str, int)) and not isinstance(v, bool) for v in data.values()):
        raise CommandError(say(f"{path} 须为 JSON 对象，值为文字：{{\"字段\": \"内容\"}}",
                               f"{path} must be a JSON object of texts: {{\"field\": \"text\"}}",
                               workspace))
    return {str(k): str(v) for k, v in data.items()}


# ----------------------------------------------------------------------------- cases
def case_new(args: argparse.Namespace) -> int:
    from casework.cases import create_case
    from casework.inputs import read_case_file
    workspace = open_workspace(args)
    data = read_case_file(args.json_file)  # a broken file is refused before the password
    detail = create_case(login(args, workspace), data)
    if args.json:
        print_json(detail.as_json(language(workspace)))
    else:
        print(detail.number)
    return 0


def _print_case(detail, workspace) -> None:  # noqa: ANN001
    lang = language(workspace)
    row = detail.row
    zh = lang != "en"
    print(f"{row.number}  {row.type_name(lang)}  {row.procedure_name(lang)}  {row.unit_name}  "
          + (("已结案" if row.status == "closed" else "办理中") if zh else row.status))
    print(("案由：" if zh else "Cause: ") + row.cause)
    for party in detail.parties:
        print(("当事人：" if zh else "Party: ")
              + f"{party.name}（{party.id_label(lang)} {party.id_number}）")
    officers = "、".join(f"{o.name}（{o.certificate_number or o.assigned_certificate}）"
                        for o in detail.officers)
    print(("办案人员：" if zh else "Officers: ") + officers)
    deadline = row.deadline
    if deadline is not None and not deadline.decided:
        print(("办案期限：" if zh else "Time limit: ") + deadline.due_on.isoformat() + (
            (f"（已延期 {deadline.extended_days} 日）" if zh
             else f" (extended by {deadline.extended_days} days)")
            if deadline.extended_days else ""))
    for step in detail.steps:
        mark = step.done_on.isoformat() if step.done_on else (
            ("（可选）" if zh else "(optional)") if step.optional else "-")
        print("  " + cells(step.name(lang), mark))
    for link in detail.evidence:
        name = link.file.original_name if link.file else "?"
        print(("证据：" if zh else "Evidence: ") + f"{link.sha256}  {name}  [{link.step}]")
    for document in detail.documents:
        print(("文书：" if zh else "Document: ") + f"{document.number}  {document.title}")


def case_show(args: argparse.Namespace) -> int:
    from casework.cases import get_case
    workspace = open_workspace(args)
    detail = get_case(login(args, workspace), args.number)
    if args.json:
        print_json(detail.as_json(language(workspace)))
    else:
        _print_case(detail, workspace)
    return 0


def case_list(args: argparse.Namespace) -> int:
    from casework.cases import CaseFilter, list_cases
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    unit_id = unit_id_of(ctx, args.unit, workspace)
    rows = list_cases(ctx, CaseFilter(text=args.search, type_code=args.type,
                                      procedure=args.procedure, unit_id=unit_id,
                                      status=args.status, year=args.year), limit=args.limit)
    lang = language(workspace)
    print_rows(args, rows, lang, lambda row: cells(
        row.number, row.type_name(lang), row.procedure_name(lang), row.cause,
        "、".join(row.party_names), row.last_step or "-", row.status))
    return 0


def case_step(args: argparse.Namespace) -> int:
    from casework.cases import record_step
    workspace = open_workspace(args)
    on = parse_date(args.date, "--date", workspace)
    detail = record_step(login(args, workspace), args.number, args.step, on, args.note)
    if args.json:
        print_json(detail.as_json(language(workspace)))
    else:
        step = next(s for s in detail.steps if s.code == detail.row.last_step)
        print(say(f"案件 {detail.number}：已记录“{step.name_zh}”（{step.done_on}）",
                  f"Case {detail.number}: recorded '{step.name_en}' ({step.done_on})",
                  workspace))
    return 0


def case_extend(args: argparse.Namespace) -> int:
    from casework.extensions import extend_deadline
    workspace = open_workspace(args)
    detail = extend_deadline(login(args, workspace), args.number, args.reason, args.days)
    if args.json:
        print_json(detail.as_json(language(workspace)))
    else:
        added, due = detail.extensions[-1], detail.row.deadline.due_on
        print(say(f"案件 {detail.number}：已批准延期 {added.days} 日，办案期限至 {due}",
                  f"Case {detail.number}: extended by {added.days} days, due on {due}",
                  workspace))
    return 0


def case_link(args: argparse.Namespace) -> int:
    from casework.evidence_links import link_evidence
    workspace = open_workspace(args)
    info = link_evidence(login(args, workspace), args.number, args.sha256, args.step, args.note)
    if args.json:
        print_json({"case": args.number, "sha256": info.sha256, "step": info.step,
                    "file": info.file.original_name if info.file else None})
    else:
        print(say(f"已将 {info.file.original_name if info.file else info.sha256} 关联到案件 "
                  f"{args.number}（{info.step}）",
                  f"Linked {info.file.original_name if info.file else info.sha256} to case "
                  f"{args.number} ({info.step})", workspace))
    return 0


def case_unlink(args: argparse.Namespace) -> int:
    from casework.evidence_links import unlink_evidence
    workspace = open_workspace(args)
    unlink_evidence(login(args, workspace), args.number, args.sha256, args.step)
    print(say("已取消关联", "Unlinked", workspace))
    return 0


def case_fields(args: argparse.Namespace) -> int:
    from casework.cases import set_case_fields
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    detail = set_case_fields(ctx, args.number, _typed_fields(args.fields, workspace),
                             replace=args.replace)
    if args.json:
        print_json(detail.fields)
    else:
        print(say(f"案件 {detail.number} 保存了 {len(detail.fields)} 项文书填写内容",
                  f"Case {detail.number} keeps {len(detail.fields)} document values", workspace))
    return 0


def case_types(args: argparse.Namespace) -> int:
    from casework.types import list_case_types
    workspace = open_workspace(args)
    rows = list_case_types(login(args, workspace), include_inactive=True)
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    for row in rows:
        state = "" if row.active else say("（已停用）", " (inactive)", workspace)
        print(cells(row.code, row.name(language(workspace)) + state))
    return 0


def case_type_set(args: argparse.Namespace) -> int:
    from casework.types import set_case_type
    workspace = open_workspace(args)
    row = set_case_type(login(args, workspace), args.code, args.zh, args.en,
                        active=not args.inactive)
    print(cells(row.code, row.name(language(workspace))))
    return 0


# ----------------------------------------------------------------------------- documents
def doc_list(args: argparse.Namespace) -> int:
    from casework.documents import list_templates
    templates = list_templates()
    if args.json:
        print_json([t.as_json() for t in templates])
        return 0
    for template in templates:
        print(cells(template.id, template.title))
    return 0


def doc_render(args: argparse.Namespace) -> int:
    from casework.documents import DocumentArchive, issue_document, preview_document
    workspace = open_workspace(args)
    typed = _typed_fields(args.fields, workspace)
    ctx = login(args, workspace)
    out = Path(args.out)
    day = parse_date(args.date, "--date", workspace)
    if args.preview:
        data = preview_document(ctx, args.case, args.kind, typed, date=day)
        _write(out, data, workspace)
        print(say(f"已生成预览（未编号、未存档）：{out}",
                  f"Preview written (not numbered, not kept): {out}", workspace))
        return 0
    archive = DocumentArchive(workspace.documents_dir)
    info = issue_document(ctx, archive, args.case, args.kind, typed, date=day)
    _write(out, archive.read(info.sha256) or b"", workspace)
    if args.json:
        from casework.documents import issued_document
        dated = issued_document(ctx, info.number)[1].get("document_date")
        print_json({**info.as_json(), "out": str(out), "document_date": dated})
    else:
        print(say(f"{info.title} {info.number}：{out}（{info.pages} 页，SHA-256 {info.sha256}）",
                  f"{info.title} {info.number}: {out} ({info.pages} pages, SHA-256 "
                  f"{info.sha256})", workspace))
    return 0


def doc_get(args: argparse.Namespace) -> int:
    """An issued document's kept PDF, written again (a reprint)."""
    from casework.documents import DocumentArchive, document_pdf
    workspace = open_workspace(args)
    data = document_pdf(login(args, workspace), DocumentArchive(workspace.documents_dir),
                        args.number)
    _write(Path(args.out), data, workspace)
    print(args.out)
    return 0


def _write(path: Path, data: bytes, workspace) -> None:  # noqa: ANN001
    from core.files import atomic_write
    try:
        atomic_write(path, data)
    except OSError as error:
        raise CommandError(say(f"无法写入 {path}：{error.strerror}",
                               f"cannot write {path}: {error.strerror}", workspace)) from None


def case_file_export(args: argparse.Namespace) -> int:
    """The case file (案卷) as one PDF, and with --originals the issued PDFs unchanged."""
    from casework.documents import DocumentArchive
    from dossier.case_file import export_case_file
    from lawdesk.progressbar import TerminalProgress
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    bar = TerminalProgress(say("组卷", "Case file", workspace), enabled=not args.json)
    try:
        result = export_case_file(ctx, DocumentArchive(workspace.documents_dir), args.number,
                                  Path(args.out),
                                  originals=Path(args.originals) if args.originals else None,
                                  progress=bar)
    finally:
        bar.finish()
    if args.json:
        print_json(result.as_json())
        return 0
    print(say(f"案卷 {result.case_number}：{result.path}（共 {result.pages} 页，文书 "
              f"{result.documents} 件，电子数据 {result.evidence} 个；SHA-256 {result.sha256}）",
              f"Case file {result.case_number}: {result.path} ({result.pages} pages, "
              f"{result.documents} documents, {result.evidence} evidence files; SHA-256 "
              f"{result.sha256})", workspace))
    if result.originals:
        print(say(f"文书原件 {len(result.originals)} 份：{result.originals[0].parent}",
                  f"{len(result.originals)} original documents: {result.originals[0].parent}",
                  workspace))
    return 0
