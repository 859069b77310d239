from __future__ import annotations

import argparse
from pathlib import Path

from lawdesk.commands.common import print_json, say


def run(args: argparse.Namespace) -> int:
    from core.clock import Clock
    from db.schema_head import SCHEMA_HEAD
    from lawdesk.paths import resolve_data_dir
    from lawdesk.restore_backup import restore
    data_dir = resolve_data_dir(args.data_dir)
    done = restore(data_dir, Path(args.file), now=Clock().now())
    revision = done.source.revision
    if args.json:
        print_json({"restored_from": str(done.source.path), "revision": revision,
                    "database": str(done.database),
                    "replaced_database": str(done.previous) if done.previous else None,
                    "replaced_ledger_head": str(done.previous_head) if done.previous_head
                    else None, "note": str(done.note)})
        return 0
    print(say(f"已将 {done.source.path}（架构版本 {revision}）恢复为 {done.database}",
              f"Restored {done.source.path} (schema {revision}) as {done.database}"))
    if done.previous:
        print(say(f"原数据库已保存为 {done.previous}", f"The replaced database is kept as "
                  f"{done.previous}"))
    if done.previous_head:
        print(say(f"原签名日志头已移至 {done.previous_head}",
                  f"The replaced signed ledger head is kept as {done.previous_head}"))
    if revision != SCHEMA_HEAD:
        print(say(f"此版本的 LawDesk（架构 {SCHEMA_HEAD}）下次打开该文件夹时会再次升级它；"
                  f"要保持架构 {revision}，请先重新安装旧版本",
                  f"This LawDesk (schema {SCHEMA_HEAD}) upgrades it again the next time it "
                  f"opens the folder: to stay at schema {revision}, reinstall the older "
                  f"version first"))
    return 0
