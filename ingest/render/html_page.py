"""Write a rebuilt report as a publisher's article page: the report body among the page furniture
a government site puts around it (site header and navigation, breadcrumb, 发布时间/来源/字号 line,
share buttons, previous/next links, footer with 版权所有 and 备案号), tables with rowspan/colspan.

Pages alternate between UTF-8 (`<meta charset>`) and GBK (declared `gb2312` in an http-equiv tag,
encoded as GB18030, as many TRS sites do), so the HTML reader's charset handling is exercised too.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from ingest.render.export_text import Item, Paragraph, TableModel
from ingest.render.layout import grid_cells

SITE = "某某县人民政府"
RUN_OF_SPACES = re.compile(r" (?= )")
NAV = ("首页", "政务公开", "政府信息公开", "财政预决算", "互动交流", "办事服务")


def _lines(text: str) -> str:
    """Escaped text, line breaks as <br>, runs of spaces kept with &nbsp; (as Word's HTML export does)."""
    return "<br>".join(RUN_OF_SPACES.sub("&nbsp;", escape(part)) for part in text.split("\n"))


def _table(table: TableModel) -> str:
    by_row: dict[int, list[str]] = {}
    for c in grid_cells(table):
        attrs = (f' colspan="{c.colspan}"' if c.colspan > 1 else "") + (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "")
        by_row.setdefault(c.row, []).append(f"<td{attrs}>{_lines(c.text)}</td>")
    rows = "\n".join(f"  <tr>{''.join(by_row.get(r, []))}</tr>" for r in range(len(table.rows)))
    return f'<table border="1" cellspacing="0" cellpadding="2" style="border-collapse:collapse">\n<tbody>\n{rows}\n</tbody>\n</table>'


def _body(items: list[Item]) -> str:
    out: list[str] = []
    for item in items:
        if isinstance(item, TableModel):
            out.append(_table(item))
        elif isinstance(item, Paragraph):
            if item.heading == 1:
                out.append(f'<p style="text-align:center"><strong><span style="font-size:18px">{_lines(item.text)}</span></strong></p>')
            elif item.heading == 2:
                out.append(f"<h3>{_lines(item.text)}</h3>")
            else:
                out.append(f'<p style="text-indent:2em">&nbsp;{_lines(item.text)}</p>')
    return "\n".join(out)


def page_html(items: list[Item], title: str, charset_decl: str) -> str:
    nav = "".join(f'<li><a href="/{i}.html">{escape(n)}</a></li>' for i, n in enumerate(NAV))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
{charset_decl}
<title>{escape(title)}_{SITE}</title>
<script type="text/javascript">var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.TRS_Editor p {{ line-height: 2; }}</style>
</head>
<body>
<div class="header"><div class="logo">{SITE}门户网站</div><div class="search"><input type="text" value="请输入关键字"><button>搜索</button></div></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 财政预决算</div>
<div class="main">
  <h1 class="title">{escape(title)}</h1>
  <div class="article-info">发布时间：2024-06-28 10:15 &nbsp; 来源：县财政局 &nbsp; 浏览次数：1024 &nbsp;
    <span class="fontsize">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
  <div class="TRS_Editor" id="zoom">
{_body(items)}
  </div>
  <div class="bdsharebuttonbox">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
  <div class="prev-next"><p>上一篇：<a href="/a1.html">关于2023年度部门决算的公告</a></p><p>下一篇：<a href="/a3.html">2024年政府采购意向公开</a></p></div>
  <div class="print-close"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办单位：{SITE}办公室 &nbsp; 联系电话：0000-1234567</p>
<p>版权所有：{SITE} &nbsp; 备案号：某ICP备00000000号 &nbsp; 政府网站标识码：0000000000</p></div>
</body>
</html>
"""


def write_html(items: list[Item], path: Path, title: str, gbk: bool = False) -> Path:
    """Write the page; `gbk` encodes it as GB18030 declared `gb2312`, otherwise UTF-8."""
    if gbk:
        decl = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'
        path.write_bytes(page_html(items, title, decl).encode("gb18030"))
    else:
        path.write_bytes(page_html(items, title, '<meta charset="utf-8">').encode("utf-8"))
    return path
