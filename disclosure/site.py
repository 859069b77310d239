"""The portal's static page: the feed rendered into resources/disclosure/portal.html.

Every entry is written into the page as HTML (the list shows without JavaScript) and the
feed is embedded as JSON for the search box. Texts are escaped; the embedded JSON has no
"<", so nothing in it can end its script element.
"""
from __future__ import annotations

import html
import json
from zoneinfo import ZoneInfo

from core.clock import BUREAU_ZONE, parse_iso_utc
from resources import resource_path

TEMPLATE = ("disclosure", "portal.html")


def _text(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _record(entry: dict) -> str:
    rows = "".join(f"<tr><th>{_text(f['label'])}</th><td>{_text(f['value'])}</td></tr>"
                   for f in entry["fields"] if f["value"])
    title = entry["case_name"] or entry["document_number"] or entry["kind_name"]
    meta = "　".join(filter(None, [
        _text(entry["kind_name"]),
        f"文号：{_text(entry['document_number'])}" if entry["document_number"] else "",
        f"决定日期：{_text(entry['decided_on'])}",
        f"公示日期：{_text(entry['published_on'])}" if entry["published_on"] else "",
        f"科室：{_text(entry['unit'])}" if entry.get("unit") else ""]))
    return (f'<article class="entry" id="record-{_text(entry["id"])}">'
            f"<h3>{_text(title)}</h3><div class=\"meta\">{meta}</div>"
            f"<table>{rows}</table></article>")


def _withdrawal(entry: dict) -> str:
    rows = [("决定书文号", entry["document_number"]), ("案件名称", entry["case_name"]),
            ("当事人", entry["party_name"]), ("决定日期", entry["decided_on"]),
            ("原公示日期", entry["published_on"]), ("撤回日期", entry["withdrawn_on"]),
            ("撤回理由", entry["reason"]), ("科室", entry.get("unit"))]
    body = "".join(f"<tr><th>{_text(k)}</th><td>{_text(v)}</td></tr>" for k, v in rows if v)
    return (f'<article class="entry withdrawal" id="withdrawal-{_text(entry["id"])}">'
            f"<h3>撤回公告：{_text(entry['kind_name'])}</h3><table>{body}</table></article>")


def _changes(feed: dict) -> str:
    changes = feed["changes"]
    names = {"added": "新增", "updated": "更新", "removed": "撤下"}
    kinds = {"record": "公示信息", "withdrawal": "撤回公告"}
    items = [f"<li>{names[change]}{kinds[item['type']]}："
             f"{_text(item.get('document_number') or item['id'])}</li>"
             for change in ("added", "updated", "removed") for item in changes[change]]
    since = (f"自 {_text(changes['since'])} 起" if changes["since"]
             else f"自上次导出（{_text(changes['previous_export'])}）以来"
             if changes["previous_export"] else "首次导出")
    body = f"<ul class=\"changes\">{''.join(items)}</ul>" if items else \
        '<p class="empty">没有变化。</p>'
    return f"<h2>本次更新（{since}）</h2>{body}"


def render_site(feed: dict) -> str:
    """The whole page for ``feed`` (the dict written as feed.json)."""
    body = ["<h2>执法决定公示</h2>"]
    body += [_record(e) for e in feed["records"]] or ['<p class="empty">暂无公示信息。</p>']
    body.append("<h2>撤回公告</h2>")
    body += [_withdrawal(e) for e in feed["withdrawals"]] or ['<p class="empty">暂无。</p>']
    body.append(_changes(feed))
    bureau = feed["enforcement_body"] or ""
    title = f"{bureau}行政执法结果公示" if bureau else "行政执法结果公示"
    generated = parse_iso_utc(feed["generated_at"]).astimezone(ZoneInfo(BUREAU_ZONE))
    data = json.dumps({"records": feed["records"], "withdrawals": feed["withdrawals"]},
                      ensure_ascii=False).replace("<", "\\u003c")
    page = resource_path(*TEMPLATE).read_text(encoding="utf-8")
    replacements = {
        "<!--LAWDESK:TITLE-->": _text(title),
        "<!--LAWDESK:SUBTITLE-->": _text(f"更新时间：{generated:%Y-%m-%d %H:%M}（北京时间）"),
        "<!--LAWDESK:COUNT-->": _text(f"公示信息 {len(feed['records'])} 条，撤回公告 "
                                      f"{len(feed['withdrawals'])} 条"),
        "<!--LAWDESK:BODY-->": "\n".join(body),
        "<!--LAWDESK:DATA-->": data,
    }
    for marker, value in replacements.items():
        page = page.replace(marker, value)
    return page
