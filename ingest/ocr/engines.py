"""OCR engines behind one small interface: a grey page image in, lines of text with their boxes
and the engine's confidence out.

- `rapidocr` (default): PP-OCRv4 Chinese detection and recognition run by ONNX Runtime; the models
  ship inside the `rapidocr_onnxruntime` wheel, so nothing is downloaded at run time.
- `tesseract` (optional): the `tesseract` program with its Chinese data (Debian packages), read
  through its TSV output so words keep boxes and confidences.

The engine object is built once per process (loading the models costs about a second).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from ingest.errors import IngestError

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# a space the recogniser put beside a CJK character is not in the printed text
_CJK_SPACE = re.compile(rf"(?<=[{CJK}])\s+|\s+(?=[{CJK}])")
# '：' where the print has '；': after a quantity ("521名", "100%", "12万元", "以上") and before the next
# item, not before words that a colon after an amount does introduce (其中, 具体, 包括, 分别, 如下)
_SEMICOLON_AS_COLON = re.compile(r"(?:(?<=\d[%名次人个项所家户件元万])|(?<=\d万元)|(?<=以上|左右|年内))"
                                 r"：(?!其中|具体|包括|分别|如下)(?=[\u4e00-\u9fff])")
_OPEN_SCORE_NOTE = re.compile(r"[（(]\d+(?:\.\d+)?分$")


@dataclass(frozen=True)
class TextBox:
    """One line (or cell) of text as the engine read it; box in image pixels, top-down."""

    text: str
    confidence: float  # 0–1, the engine's own score for the line
    x0: float
    y0: float
    x1: float
    y1: float


Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in image pixels
Splitter = Callable[[list[Rect]], list[Rect]]


class OcrEngine(Protocol):
    name: str

    def read(self, grey: Any, split: Splitter | None = None, dpi: float = 0) -> list[TextBox]:
        """Text lines of a grey page image (numpy uint8, H×W) rendered at `dpi` (0: unknown). An
        engine that detects lines before reading them passes the detected boxes through `split`
        first (cutting a box that runs over a table rule into one box per cell)."""
        ...


def tidy(text: str) -> str:
    """Engine output as printed text: no spaces beside CJK characters, ASCII digits and signs, and
    two confusions the recogniser makes repaired: '；' read as '：' after a quantity
    ("521名：后备…", where a colon cannot stand), and the ')' lost after a score note ("（10分")."""
    text = text.translate(str.maketrans("０１２３４５６７８９．％", "0123456789.%"))
    text = _CJK_SPACE.sub("", text).strip()
    text = _SEMICOLON_AS_COLON.sub("；", text)
    return text + "）" if _OPEN_SCORE_NOTE.search(text) else text


class RapidOcrEngine:
    """PP-OCRv4 (Chinese + digits + Latin) through rapidocr_onnxruntime."""

    name = "rapidocr"

    def __init__(self, threads: int = 0) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as e:  # e.g. OpenCV without its system libraries (libGL)
            raise IngestError("scanned_needs_ocr", f"the OCR engine rapidocr cannot be loaded ({e}); "
                              "reinstall the project (`make install`) or install libgl1") from e
        # one line per recognition call, padded to no more than REC_MIN_WIDTH: in a batch every line is
        # padded to the widest, and a lone figure in a cell to 320 px, which cost a third more CPU
        height = rec_height()
        kwargs: dict[str, Any] = {"print_verbose": False, "rec_batch_num": 1,
                                  "rec_img_shape": [3, height, REC_MIN_WIDTH_RATIO * height]}
        if threads > 0:
            kwargs.update(intra_op_num_threads=threads, inter_op_num_threads=1)
        self._ocr = RapidOCR(**kwargs)

    def read(self, grey: Any, split: Splitter | None = None, dpi: float = 0) -> list[TextBox]:
        """Detection on the whole page (on a copy reduced to `det_dpi()` when the page's `dpi` is
        known), then recognition of each (split) box on the full-resolution page: the page is
        deskewed, so a box is an axis-aligned crop (no orientation classifier needed)."""
        import cv2
        import numpy as np

        image = np.dstack([grey, grey, grey])
        scale = min(1.0, det_dpi() / dpi) if dpi > 0 else 1.0
        small = image if scale == 1.0 else cv2.resize(image, None, fx=scale, fy=scale,
                                                      interpolation=cv2.INTER_AREA)
        quads, _ = self._ocr.text_det(small)
        if quads is None or len(quads) == 0:
            return []
        h, w = grey.shape
        rects: list[Rect] = []
        for q in quads:
            xs, ys = q[:, 0] / scale, q[:, 1] / scale
            # the detector's box often stops short of a flat first or last glyph (一, 、, 。):
            # widen it by 0.6 of its height (about one character) on each side before reading
            pad = (float(ys.max()) - float(ys.min())) * PAD
            rects.append((max(0.0, float(xs.min()) - pad), max(0.0, float(ys.min())),
                          min(float(w), float(xs.max()) + pad), min(float(h), float(ys.max()))))
        if split is not None:
            rects = split(rects)
        rects = [r for r in rects if r[2] - r[0] >= 4 and r[3] - r[1] >= 4]
        crops = [image[int(r[1]):int(np.ceil(r[3])), int(r[0]):int(np.ceil(r[2]))] for r in rects]
        results, _ = self._ocr.text_rec(crops) if crops else ([], 0.0)
        out: list[TextBox] = []
        for r, res in zip(rects, results, strict=True):
            text, score = tidy(str(res[0])), float(res[1])
            if text and score >= MIN_SCORE:
                out.append(TextBox(text, score, *r))
        return out


class TesseractEngine:
    """tesseract through its TSV output: words grouped back into its lines, confidence their mean."""

    name = "tesseract"

    def __init__(self, languages: str = "chi_sim+eng") -> None:
        if shutil.which("tesseract") is None:
            raise IngestError("scanned_needs_ocr", "JIXIAO_OCR asks for tesseract, which is not installed "
                              "(apt-get install tesseract-ocr tesseract-ocr-chi-sim); unset it to use rapidocr")
        self.languages = languages

    def read(self, grey: Any, split: Splitter | None = None, dpi: float = 0) -> list[TextBox]:
        import cv2

        ok, png = cv2.imencode(".png", grey)
        if not ok:
            return []
        result = subprocess.run(["tesseract", "stdin", "stdout", "-l", self.languages, "--psm", "6", "tsv"],
                                input=png.tobytes(), capture_output=True, timeout=300, check=False)
        lines: dict[tuple[str, str, str], list[list[str]]] = {}
        for row in result.stdout.decode("utf-8", "replace").splitlines()[1:]:
            cols = row.split("\t")
            if len(cols) == 12 and cols[0] == "5" and cols[11].strip():
                lines.setdefault((cols[2], cols[3], cols[4]), []).append(cols)
        out: list[TextBox] = []
        for words in lines.values():
            text = tidy(" ".join(w[11] for w in words))
            if not text:
                continue
            x0 = min(float(w[6]) for w in words)
            y0 = min(float(w[7]) for w in words)
            x1 = max(float(w[6]) + float(w[8]) for w in words)
            y1 = max(float(w[7]) + float(w[9]) for w in words)
            conf = sum(max(0.0, float(w[10])) for w in words) / len(words) / 100
            out.append(TextBox(text, conf, x0, y0, x1, y1))
        return out


PAD = 0.6  # share of a line's height added left and right of a detected box
MIN_SCORE = 0.5  # lines read with less confidence are noise (specks, seal remnants), not text
OCR_ENV = "JIXIAO_OCR"  # rapidocr (default) | tesseract[:languages] | off
THREADS_ENV = "JIXIAO_OCR_THREADS"  # ONNX Runtime threads per process (default 1; 0 = one per core)
REC_HEIGHT_ENV = "JIXIAO_OCR_REC_HEIGHT"  # pixel height lines are scaled to for recognition
# PP-OCRv4 recognition was trained on 48-pixel lines; its cost grows with the width a line takes at
# that height. Lines scaled to 36 pixels read about as well on printed reports at under half the cost
# (measured on the scanned renderings: docs/extraction.md).
DEFAULT_REC_HEIGHT = 36
REC_MIN_WIDTH_RATIO = 2  # a line narrower than twice its height is padded to that width for recognition
DET_DPI_ENV = "JIXIAO_OCR_DET_DPI"  # resolution text is detected at (lines are read at the full one)
# Detection costs in proportion to the pixels it sees; a printed line is still found whole on a copy
# at 105 dpi (about 15 px for 10.5 pt text), at half the cost of the 150 dpi page
DEFAULT_DET_DPI = 105


def det_dpi() -> int:
    try:
        return max(50, min(600, int(os.environ.get(DET_DPI_ENV, "") or DEFAULT_DET_DPI)))
    except ValueError:
        return DEFAULT_DET_DPI


def rec_height() -> int:
    try:
        return max(24, min(64, int(os.environ.get(REC_HEIGHT_ENV, "") or DEFAULT_REC_HEIGHT)))
    except ValueError:
        return DEFAULT_REC_HEIGHT


def engine_setting() -> str | None:
    """The engine JIXIAO_OCR names: 'rapidocr', 'tesseract:<languages>', or None when switched off."""
    value = os.environ.get(OCR_ENV, "").strip()
    low = value.lower()
    if low in ("0", "off", "no", "false", "none"):
        return None
    if low in ("", "1", "on", "yes", "true", "auto", "rapidocr"):
        return "rapidocr"
    if low.startswith("tesseract"):
        languages = value.split(":", 1)[1] if ":" in value else "chi_sim+eng"
        return f"tesseract:{languages or 'chi_sim+eng'}"
    if re.fullmatch(r"[a-z_]+(?:\+[a-z_]+)*", low):  # a tesseract language list, as before
        return f"tesseract:{value}"
    raise IngestError("scanned_needs_ocr", f"{OCR_ENV}={value!r} names no OCR engine "
                      "(use rapidocr, tesseract[:languages] or off)")


@cache
def get_engine(setting: str) -> OcrEngine:
    """One engine per process and setting (models load once)."""
    if setting.startswith("tesseract:"):
        return TesseractEngine(setting.split(":", 1)[1])
    return RapidOcrEngine(ocr_threads())


def ocr_threads() -> int:
    """JIXIAO_OCR_THREADS, else 1: on a shared 2-core machine one thread per process did the same
    page in 4.0 CPU-s against 7.1 with two (whose threads spin while waiting) and finished sooner
    (docs/extraction.md); cores are kept busy by extract_many's one file per worker. 0 lets ONNX
    Runtime take one thread per core (faster for a single file on an idle machine)."""
    try:
        return max(0, int(os.environ.get(THREADS_ENV, "") or 1))
    except ValueError:
        return 1
