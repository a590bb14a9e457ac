"""Hostile report files, for tests and for measuring the budgets (test tooling).

Each maker writes one file and returns its path; `write_hostile_inbox` writes them all with the
reason each must end with. Sizes are parameters so that a test makes small bombs under a small
budget and the benchmark (`scripts/hostile_inbox.py`) makes the real thing.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MIB = 1 << 20


def _repeat_into(z: zipfile.ZipFile, name: str, head: bytes, unit: bytes, total: int, tail: bytes) -> None:
    """A zip member of about `total` bytes: head, `unit` repeated, tail (deflated as it is written)."""
    block = unit * max(1, MIB // len(unit))
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w", force_zip64=True) as f:
        f.write(head)
        written = 0
        while written < total:
            f.write(block)
            written += len(block)
        f.write(tail)


def _copy_except(src: Path, z: zipfile.ZipFile, skip: str) -> None:
    with zipfile.ZipFile(src) as s:
        for info in s.infolist():
            if info.filename != skip:
                z.writestr(info, s.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)


def docx_bomb(template: Path, out: Path, inflated_mb: int) -> Path:
    """A valid .docx whose document.xml inflates to `inflated_mb` MiB of ordinary paragraphs."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        _copy_except(template, z, "word/document.xml")
        _repeat_into(z, "word/document.xml",
                     f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode(),
                     b"<w:p><w:r><w:t>0</w:t></w:r></w:p>", inflated_mb * MIB, b"</w:body></w:document>")
    return out


def xlsx_bomb(template: Path, out: Path, inflated_mb: int) -> Path:
    """A valid .xlsx whose first sheet inflates to `inflated_mb` MiB of rows."""
    with zipfile.ZipFile(template) as s:
        sheet = next(n for n in s.namelist() if n.startswith("xl/worksheets/sheet") and n.endswith(".xml"))
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        _copy_except(template, z, sheet)
        _repeat_into(z, sheet, f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData>'.encode(),
                     b'<row><c t="inlineStr"><is><t>0</t></is></c></row>', inflated_mb * MIB,
                     b"</sheetData></worksheet>")
    return out


def docx_with_entity(template: Path, out: Path) -> Path:
    """A .docx whose document.xml declares an external entity reading a local file (XXE)."""
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM '
            f'"file:///etc/hostname">]>\n<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>单位：&xxe;'
            '</w:t></w:r></w:p></w:body></w:document>')
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        _copy_except(template, z, "word/document.xml")
        z.writestr("word/document.xml", body)
    return out


def xlsx_with_entities(template: Path, out: Path) -> Path:
    """An .xlsx whose shared strings expand nested entities (billion laughs)."""
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 9))
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE sst [<!ENTITY l0 "lol">' + lol + ']>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            '<si><t>&l8;</t></si></sst>')
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        _copy_except(template, z, "xl/sharedStrings.xml")
        z.writestr("xl/sharedStrings.xml", body)
    return out


def pdf_with_stream(out: Path, inflated_mb: int) -> Path:
    """A one-page PDF whose content stream inflates to `inflated_mb` MiB (spaces and a line of text)."""
    inflater = zlib.compressobj(9)
    parts = [inflater.compress(b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET\n")]
    block = b" " * MIB
    for _ in range(inflated_mb):
        parts.append(inflater.compress(block))
    parts.append(inflater.flush())
    stream = b"".join(parts)
    return _write_pdf(out, [b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
                            + b"\nendstream"])


GRID_MIN_STEP = 6.0
"""Points between the grid's lines at least: above pdfplumber's 3-point snap and join tolerances, so
the lines never merge into a few (a 300-line grid squeezed onto a letter page would collapse and read
fast); the page grows instead."""


def pdf_dense_grid(out: Path, lines: int) -> Path:
    """A one-page PDF ruled as a `lines` x `lines` grid of distinct lines: a table finder's worst case."""
    step_x, step_y = max(540.0 / lines, GRID_MIN_STEP), max(720.0 / lines, GRID_MIN_STEP)
    right, top = 36 + lines * step_x, 36 + lines * step_y
    ops = [b"BT /F1 10 Tf 40 %.2f Td (Table 1) Tj ET" % (top + 14), b"0.1 w"]
    for i in range(lines + 1):
        x = 36 + i * step_x
        ops.append(b"%.2f 36 m %.2f %.2f l S" % (x, x, top))
        y = 36 + i * step_y
        ops.append(b"36 %.2f m %.2f %.2f l S" % (y, right, y))
    content = b"\n".join(ops)
    return _write_pdf(out, [b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"],
                      size=(right + 36, top + 36))


def _write_pdf(out: Path, content_objects: list[bytes], size: tuple[float, float] = (612, 792)) -> Path:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 4 0 R " % size
        + b"/Resources << /Font << /F1 5 0 R >> >> >>",
        content_objects[0],
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        body += b"%010d 00000 n \n" % off
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    out.write_bytes(bytes(body))
    return out


def write_hostile_inbox(inbox: Path, outside: Path, templates: dict[str, Path], *, bomb_mb: int,
                        grid_lines: int) -> dict[str, str]:
    """Write every hostile case into `inbox` (and the target of an escaping link into `outside`);
    return file name → the failure reason it must end with."""
    inbox.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    expected = {
        docx_bomb(templates["docx"], inbox / "bomb.docx", bomb_mb).name: "too_large",
        xlsx_bomb(templates["xlsx"], inbox / "bomb.xlsx", bomb_mb).name: "too_large",
        pdf_with_stream(inbox / "bomb.pdf", bomb_mb).name: "too_large",
        pdf_dense_grid(inbox / "grid.pdf", grid_lines).name: "too_slow",
        docx_with_entity(templates["docx"], inbox / "xxe.docx").name: "unsafe",
        xlsx_with_entities(templates["xlsx"], inbox / "laughs.xlsx").name: "unsafe",
    }
    (inbox / "empty.pdf").write_bytes(b"")
    expected["empty.pdf"] = "empty"
    (inbox / "truncated.docx").write_bytes(templates["docx"].read_bytes()[:2000])
    expected["truncated.docx"] = "corrupt"
    secret = outside / "elsewhere_report.txt"
    secret.write_bytes(templates["txt"].read_bytes())
    (inbox / "link_out.txt").symlink_to(secret)
    expected["link_out.txt"] = "unsafe"
    return expected


def non_utf8_name(inbox: Path, source: Path) -> Path:
    """A copy of `source` under a GBK-encoded name (not valid UTF-8), as a Windows zip leaves them."""
    raw = os.fsencode(inbox) + b"/" + "报告_".encode("gbk") + os.fsencode(source.name)
    target = Path(os.fsdecode(raw))
    target.write_bytes(source.read_bytes())
    return target
