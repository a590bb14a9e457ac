"""Scanned renderings: a rendered report PDF turned into what a printed, stamped and scanned copy
looks like, stored as an image-only PDF (no text layer), so OCR is tested on the project's own
reports against their gold labels.

Each page is rendered at a scanner's resolution, a red seal (a ring with the unit's name, a star)
is stamped over the title of the first page and the closing lines of the last page, the page is
turned grey (paper tone, toner that is not quite black), rotated by up to ±1.5°, blurred a little,
and given sensor noise and specks; it is stored as JPEG. The seeded random draw makes a rendering
reproducible. Test tooling: reportlab (a dev dependency) draws the seal.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCAN_DPI = 150
JPEG_QUALITY = 30
MAX_ANGLE = 1.5
SEAL_DIAMETER_MM = 42.0


@dataclass(frozen=True)
class ScanStyle:
    """How rough the scan is; the defaults are those of the committed fixtures."""

    dpi: int = SCAN_DPI
    jpeg_quality: int = JPEG_QUALITY
    max_angle: float = MAX_ANGLE
    noise_sigma: float = 7.0
    blur_radius: float = 0.5


def seal_image(text: str, diameter_px: int) -> Any:
    """A red official seal (ring, name around its top, a star) as an RGBA image with a
    transparent background: drawn as a tiny PDF with reportlab's CID font and rendered by pdfium."""
    import pypdfium2 as pdfium
    from PIL import Image
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size = 100.0  # points; rendered to diameter_px
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(size, size))
    c.setStrokeColorRGB(0.85, 0.1, 0.12)
    c.setFillColorRGB(0.85, 0.1, 0.12)
    c.setLineWidth(3.2)
    r = size / 2 - 3
    c.circle(size / 2, size / 2, r)
    _star(c, size / 2, size / 2, 13)
    chars = list(text[:16]) or ["章"]
    span = min(math.radians(250), math.radians(17) * len(chars))
    font_size = 11
    for i, ch in enumerate(chars):
        angle = math.pi / 2 + span / 2 - (span * (i + 0.5) / len(chars))
        x = size / 2 + (r - 10) * math.cos(angle)
        y = size / 2 + (r - 10) * math.sin(angle)
        c.saveState()
        c.translate(x, y)
        c.rotate(math.degrees(angle) - 90)
        c.setFont("STSong-Light", font_size)
        c.drawCentredString(0, -font_size / 2.8, ch)
        c.restoreState()
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(buf.getvalue())
    try:
        page = pdf[0]
        rgb = page.render(scale=diameter_px / size).to_pil().convert("RGB")
        page.close()
    finally:
        pdf.close()
    # ink where the rendering is red: alpha from how far green falls below white
    alpha = rgb.getchannel("G").point(lambda v: int(max(0, 255 - v) * 0.85))
    seal = Image.new("RGBA", rgb.size, (205, 30, 40, 0))
    seal.putalpha(alpha)
    return seal


def _star(c: Any, cx: float, cy: float, r: float) -> None:
    path = c.beginPath()
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.4
        a = math.pi / 2 + k * math.pi / 5
        (path.moveTo if k == 0 else path.lineTo)(cx + rad * math.cos(a), cy + rad * math.sin(a))
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _text_anchor(page: Any, first: bool) -> tuple[float, float] | None:
    """Where the seal goes, as fractions of the page (x, y from the top): over the first text line of
    the first page (the title, with the unit's name) or the last text line of the last page."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        n = textpage.count_rects()
        if n == 0:
            return None
        x0, y0, x1, y1 = textpage.get_rect(0 if first else n - 1)
        if first:  # the whole first line (pdfium splits a line into rectangles)
            line = [r for r in (textpage.get_rect(i) for i in range(n)) if abs(r[1] - y0) < 3]
            x0, x1 = min(r[0] for r in line), max(r[2] for r in line)
    finally:
        textpage.close()
    x = (x0 + x1) / 2 if first else max(x1 - 40, width * 0.6)
    return x / width, 1 - (y0 + y1) / 2 / height


def scan_page(image: Any, rng: random.Random, style: ScanStyle, seal: Any | None = None,
              anchor: tuple[float, float] | None = None) -> Any:
    """One page image as a scanner returns it: seal stamped, grey, rotated, blurred, noisy."""
    import numpy as np
    from PIL import Image, ImageChops, ImageFilter

    page = image.convert("RGB")
    if seal is not None and anchor is not None:
        x = int(anchor[0] * page.width - seal.width / 2 + rng.uniform(-20, 20))
        y = int(anchor[1] * page.height - seal.height / 2 + rng.uniform(-10, 10))
        stamp = seal.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)
        layer = Image.new("RGB", page.size, (255, 255, 255))
        layer.paste(stamp.convert("RGB"), (x, y), stamp)
        page = ImageChops.multiply(page, layer)  # ink is translucent: black print stays black under it
    paper = rng.uniform(205, 235)
    toner = rng.uniform(25, 60)
    arr = np.asarray(page, dtype=np.float32)
    arr = toner + arr / 255.0 * (paper - toner)  # white → paper tone, black → toner
    page = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    fill = (int(paper),) * 3
    page = page.rotate(rng.uniform(-style.max_angle, style.max_angle), resample=Image.BICUBIC,
                       expand=False, fillcolor=fill)
    page = page.filter(ImageFilter.GaussianBlur(style.blur_radius))
    arr = np.asarray(page, dtype=np.float32)
    noise_rng = np.random.default_rng(rng.randrange(1 << 30))
    arr = arr + noise_rng.normal(0, style.noise_sigma, arr.shape[:2])[..., None]
    specks = noise_rng.random(arr.shape[:2]) < 0.0004
    arr[specks] = toner
    out = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    return out if seal is not None and anchor is not None else out.convert("L")


def scan_pdf(source: Path, out: Path, seed: int = 0, style: ScanStyle | None = None,
             seal_text: str | None = None) -> Path:
    """Write `out`: every page of `source` scanned (see module doc) into an image-only PDF."""
    import pypdfium2 as pdfium

    style = style or ScanStyle()
    rng = random.Random(f"{source.name}:{seed}")
    pdf = pdfium.PdfDocument(str(source))
    images: list[Any] = []
    try:
        n = len(pdf)
        text = seal_text or _first_line(pdf)
        seal = seal_image(text, int(SEAL_DIAMETER_MM / 25.4 * style.dpi))
        for i in range(n):
            page = pdf[i]
            try:
                anchor = _text_anchor(page, first=(i == 0)) if i in (0, n - 1) else None
                image = page.render(scale=style.dpi / 72).to_pil()
            finally:
                page.close()
            images.append(scan_page(image, rng, style, seal if anchor else None, anchor))
    finally:
        pdf.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(style.dpi),
                   quality=style.jpeg_quality)
    return out


def _first_line(pdf: Any) -> str:
    page = pdf[0]
    try:
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        textpage.close()
    finally:
        page.close()
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return "".join(ch for ch in line if not ch.isspace())


def scan_all(rendered: Path, out_dir: Path, stems: list[str] | None = None, seed: int = 0) -> dict:
    """Scan the office-exported PDF (`<stem>.lo.pdf`) of each report in `rendered` into
    `out_dir/<stem>.scan.pdf`, with a manifest in the gold scorer's format."""
    import json

    files: dict[str, dict[str, str]] = {}
    for source in sorted(rendered.glob("*.lo.pdf")):
        stem = source.name[: -len(".lo.pdf")]
        if stems and stem not in stems:
            continue
        out = scan_pdf(source, out_dir / f"{stem}.scan.pdf", seed=seed)
        files[out.name] = {"stem": stem, "family": "scan.pdf"}
    manifest = {"source": f"{rendered.name}/*.lo.pdf scanned by ingest.render.scan (seed {seed})", "files": files}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    """`python -m ingest.render.scan RENDERED_DIR OUT_DIR [STEM …]`."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m ingest.render.scan", description=scan_all.__doc__)
    ap.add_argument("rendered")
    ap.add_argument("out_dir")
    ap.add_argument("stems", nargs="*")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    manifest = scan_all(Path(args.rendered), Path(args.out_dir), args.stems or None, args.seed)
    total = sum((Path(args.out_dir) / n).stat().st_size for n in manifest["files"])
    print(f"wrote {len(manifest['files'])} scans ({total / 1e6:.2f} MB) to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
