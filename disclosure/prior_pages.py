"""The pages of the pre-enforcement disclosure (事前公示): the index, one page per list, the
flowcharts and the draw results, in Chinese. Self-contained like the results site: styles
inline, no scripts or fonts from elsewhere, opens from a file. Every text from data is
escaped here; links are ours (names made from list kinds and chart codes, which are
codes, and quoted all the same).
"""
from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from core.clock import BUREAU_ZONE, parse_iso_utc
from disclosure.prior_content import PriorContent, PublishedList

STYLE = """
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei",
       sans-serif; margin: 0; color: #222; background: #f4f5f7; line-height: 1.6; }
header { background: #a61b1b; color: #fff; padding: 18px 24px; }
header h1 { margin: 0; font-size: 22px; }
header p { margin: 4px 0 0; font-size: 13px; opacity: .9; }
header a { color: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 24px 48px; }
h2 { font-size: 18px; border-left: 4px solid #a61b1b; padding-left: 8px; margin: 28px 0 12px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 14px; }
th, td { border: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f0e6e6; white-space: nowrap; }
td { white-space: pre-wrap; word-break: break-all; }
.meta { color: #555; font-size: 14px; margin: 4px 0 12px; }
.empty { color: #777; }
.card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 12px 16px;
        margin: 0 0 16px; }
.card h3 { margin: 0 0 6px; font-size: 16px; }
.superseded { border-left: 4px solid #888; }
figure { margin: 0 0 24px; background: #fff; border: 1px solid #ddd; padding: 12px; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 15px; margin-bottom: 8px; }
nav a { margin-right: 16px; }
footer { color: #777; font-size: 12px; text-align: center; padding: 16px; }
"""


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def beijing_time(generated_at: str) -> str:
    moment: datetime = parse_iso_utc(generated_at).astimezone(ZoneInfo(BUREAU_ZONE))
    return f"{moment:%Y-%m-%d %H:%M}（北京时间）"


def page(title: str, subtitle: str, body: str, *, up: str = "") -> str:
    """A whole page. ``up``: the link back to the index ("" on the index itself)."""
    back = f'<p><a href="{esc(up)}">返回事前公示首页</a></p>' if up else ""
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"LawDesk\">\n"
            f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"<header><h1>{esc(title)}</h1><p>{esc(subtitle)}</p>{back}</header>\n"
            f"<main>\n{body}\n</main>\n<footer>本页面由 LawDesk 行政执法工作站生成，可直接以文件"
            "方式打开，也可放在任何网站服务器上。</footer>\n</body>\n</html>\n")


def _version_text(published: PublishedList, as_of: str) -> str:
    if published.generated:
        return f"由执法人员及执法证记录生成，截至 {as_of}"
    if published.version is None:
        return "尚未发布"
    v = published.version
    return (f"第 {v['number']} 版，{v['effective_from']} 起施行，批准人：{v['approved_by']}；"
            f"数据摘要 sha256:{v['sha256'][:16]}")


def list_page(published: PublishedList, as_of: str, bureau: str, generated: str) -> str:
    head = "".join(f"<th>{esc(zh)}</th>" for _key, zh, _en in published.columns)
    rows = "".join("<tr>" + "".join(f"<td>{esc(row.get(key, ''))}</td>"
                                    for key, _zh, _en in published.columns) + "</tr>"
                   for row in published.rows)
    table = (f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
             if published.rows else '<p class="empty">暂无内容。</p>')
    body = (f'<p class="meta">{esc(_version_text(published, as_of))}；共 '
            f'{len(published.rows)} 条。<a href="{esc(published.kind)}.csv">下载 CSV</a></p>'
            + table)
    return page(f"{bureau}{published.title_zh}", f"更新时间：{generated}", body,
                up="../index.html")


def flowcharts_page(content: PriorContent, bureau: str, generated: str) -> str:
    figures = "".join(
        f'<figure id="{esc(c.code)}"><figcaption><b>{esc(c.name_zh)}</b>（{esc(c.name_en)}）'
        f'　<a href="flowcharts/{esc(c.code)}.svg">SVG</a>　'
        f'<a href="flowcharts/{esc(c.code)}.png">PNG</a></figcaption>'
        f'<img src="flowcharts/{esc(c.code)}.svg" alt="{esc(c.name_zh)}"></figure>'
        for c in content.flowcharts)
    return page(f"{bureau}行政执法程序流程图", f"更新时间：{generated}", figures,
                up="index.html")


def _when(instant: str | None) -> str | None:
    """A recorded UTC instant in Beijing time; as recorded when it is not one of ours."""
    try:
        return beijing_time(instant) if instant else instant
    except ValueError:
        return instant


def _selection(draw: dict) -> str:
    selection = draw.get("selection") or {}
    if "count" in selection:
        return f"抽取 {selection['count']} 户"
    return f"抽查比例 {selection.get('ratio', '')}"


def _target_rows(draw: dict) -> str:
    rows = []
    for target in draw.get("targets", []):
        inspectors = "、".join(f"{i.get('name', '')}（{i.get('certificate', '')}）"
                              for i in target.get("inspectors", []))
        result = target.get("result") or {}
        outcome = "；".join(str(v) for v in (result.get("outcome"), result.get("text"),
                                             result.get("inspected_on")) if v)
        rows.append(f"<tr><td>{esc(target.get('name'))}</td><td>{esc(target.get('uscc'))}</td>"
                    f"<td>{esc(inspectors)}</td><td>{esc(outcome or '尚未检查')}</td></tr>")
    return "".join(rows)


def _draw_card(draw: dict) -> str:
    item = draw.get("item") or {}
    facts = [("抽查事项", f"{item.get('code', '')} {item.get('content', '')}"),
             ("检查主体", item.get("body")), ("检查依据", item.get("basis")),
             ("检查方式", item.get("method")), ("抽取方式", _selection(draw)),
             ("检查对象总数", draw.get("pool")), ("抽取时间", _when(draw.get("drawn_at"))),
             ("随机种子输入", draw.get("seed_text")), ("随机种子", draw.get("seed")),
             ("算法", draw.get("algorithm"))]
    if draw.get("superseded"):
        facts.append(("状态", f"已重新抽取，原因：{draw.get('redraw_reason') or ''}"))
    meta = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts
                   if v not in (None, ""))
    targets = _target_rows(draw)
    table = ("<table><thead><tr><th>检查对象</th><th>统一社会信用代码</th><th>执法检查人员"
             f"</th><th>检查结果</th></tr></thead><tbody>{targets}</tbody></table>"
             if targets else '<p class="empty">未抽中检查对象。</p>')
    css = "card superseded" if draw.get("superseded") else "card"
    return (f'<section class="{css}"><h3>任务 {esc(draw.get("task"))} 第 '
            f'{esc(draw.get("draw"))} 次抽取</h3><table>{meta}</table>'
            f'<p class="meta">复核方法：任何人可用 LawDesk 运行 <code>lawdesk draw verify '
            f'{esc(draw.get("task"))}</code>，由上列公开输入重新抽取，结果应与本页一致。</p>'
            f"{table}</section>")


def draws_page(content: PriorContent, bureau: str, generated: str) -> str:
    body = "".join(_draw_card(d) for d in content.draws) or \
        '<p class="empty">暂无双随机抽查结果。</p>'
    return page(f"{bureau}双随机抽查结果公示", f"更新时间：{generated}", body, up="index.html")


def index_page(content: PriorContent, bureau: str, generated: str) -> str:
    as_of = content.as_of.isoformat()
    lists = "".join(
        f"<tr><td>{esc(p.title_zh)}</td><td>{esc(_version_text(p, as_of))}</td>"
        f"<td>{len(p.rows)}</td><td><a href=\"lists/{esc(p.kind)}.html\">查看</a>　"
        f"<a href=\"lists/{esc(p.kind)}.csv\">下载 CSV</a></td></tr>" for p in content.lists)
    charts = "".join(
        f"<tr><td>{esc(c.name_zh)}</td><td><a href=\"flowcharts.html#{esc(c.code)}\">查看</a>"
        f"　<a href=\"flowcharts/{esc(c.code)}.svg\">SVG</a>　<a href=\"flowcharts/"
        f"{esc(c.code)}.png\">PNG</a></td></tr>" for c in content.flowcharts)
    live = sum(1 for d in content.draws if not d.get("superseded"))
    body = (
        "<nav><a href=\"../index.html\">执法结果公示</a><a href=\"personnel.html\">执法人员"
        "查询</a><a href=\"data.json\">数据（JSON）</a></nav>"
        "<h2>事前公示清单</h2><table><thead><tr><th>清单</th><th>版本</th><th>条数</th>"
        f"<th>查看 / 下载</th></tr></thead><tbody>{lists}</tbody></table>"
        "<h2>程序流程图</h2><table><thead><tr><th>流程图</th><th>查看 / 下载</th></tr>"
        f"</thead><tbody>{charts}</tbody></table>"
        "<h2>执法人员查询</h2><p>输入执法证号，查询执法人员的姓名、单位、执法类别、执法区域及"
        f"证件有效期：<a href=\"personnel.html\">执法人员查询</a>（收录执法证 "
        f"{len(content.lookup)} 个）</p>"
        "<h2>双随机抽查结果</h2><p><a href=\"draws.html\">双随机抽查结果公示</a>（抽取 "
        f"{live} 次" + (f"，另有重新抽取前的记录 {len(content.draws) - live} 次"
                       if len(content.draws) > live else "") + "）</p>")
    return page(f"{bureau}行政执法事前公示", f"更新时间：{generated}；数据截至 {as_of}", body)
