"""Page images made ready for OCR: red seals dropped, skew measured and undone, table rules found
(and erased, so a cell border is never read as a "1").

Why these steps: a scan's red seal sits over the unit's name; in the red channel red ink is as
light as paper while black and blue print stays dark, so taking that channel removes the seal
and keeps the text. A page scanned 1.5° askew drifts by 25 px across its width, which breaks
line grouping and turns table rules into staircases; the skew is found by the angle at which
the rows of ink are sharpest (projection profile) and undone by one rotation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_SKEW = 3.0  # degrees searched either way


def grey_without_seal(rgb: Any) -> Any:
    """A grey image (uint8 H×W) in which red ink (seals, red stamps) fades into the paper.

    The red channel already shows red ink light and black or blue print dark. JPEG keeps colour at
    half resolution, so a seal's thin strokes keep half-dark fringes there. In the seal's area
    (pixels clearly redder than green and blue, closed into one region and widened) a contrast ramp
    keeps what is dark (black print under the seal) and fades what is only half dark."""
    import cv2
    import numpy as np

    arr = np.asarray(rgb)
    if arr.ndim == 2:
        return np.ascontiguousarray(arr)
    red = np.ascontiguousarray(arr[:, :, 0])
    redness = red.astype(np.int16) - np.maximum(arr[:, :, 1], arr[:, :, 2]).astype(np.int16)
    seal = (redness > 30).astype(np.uint8)
    if not seal.any():
        return red
    # the seal's whole area: its thin strokes lose their colour to JPEG, so the red pixels found are
    # closed into one region (a ring, a star, the name) and widened
    seal = cv2.morphologyEx(seal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (31, 31)))
    seal = cv2.dilate(seal, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (11, 11)))
    paper = float(np.percentile(red, 90))
    ink = float(np.percentile(red, 1))
    # inside the seal, a contrast ramp: print (near the darkest ink) stays, what is only half dark
    # (the strokes' fringes, the seal's own faint trace) fades into the paper
    low, high = ink + 0.3 * (paper - ink), ink + 0.6 * (paper - ink)
    ramp = np.clip((red.astype(np.float32) - low) / (high - low), 0, 1)
    faded = (ink + ramp * (paper - ink)).astype(np.uint8)
    out = red.copy()
    inside = seal > 0
    out[inside] = np.maximum(red[inside], faded[inside])
    return out


def _ink(grey: Any) -> Any:
    """Binary ink mask (255 = ink) robust to grey paper and uneven toner."""
    import cv2

    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def skew_angle(grey: Any) -> float:
    """The page's skew in degrees (counter-clockwise positive, as cv2 rotates): the angle at which
    the horizontal projection of the ink is sharpest, searched coarse then fine on a small copy."""
    import cv2
    import numpy as np

    small = cv2.resize(grey, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    ink = _ink(small)
    if ink.mean() < 0.5:  # an empty page
        return 0.0
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
        profile = rotated.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=sharpness)
    best = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=sharpness)
    return float(round(best, 2))


def rotate(grey: Any, angle: float) -> Any:
    """The image rotated by `angle` degrees about its centre, corners filled with the paper tone."""
    import cv2
    import numpy as np

    if abs(angle) < 0.05:
        return grey
    h, w = grey.shape
    paper = int(np.percentile(grey, 90))
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=paper)


@dataclass(frozen=True)
class Rule:
    """A straight table rule in image pixels: horizontal (y0 == y1) or vertical (x0 == x1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y0 == self.y1


def find_rules(grey: Any, dpi: float) -> tuple[list[Rule], Any]:
    """Table rules of a deskewed page and the mask of their pixels: long thin runs of ink kept by
    a morphological opening with a line-shaped kernel, one rule per connected run. Horizontal
    rules must be 8 mm long; vertical ones only 4 mm, since a rule may border a single row of a
    merged cell (a character's strokes are shorter, and never meet rules at both ends).

    Horizontal rules are looked for in everything darker than the page's Otsu threshold as well:
    a rule drawn right under a row of text (a tight row) is not darker than its neighbourhood, so
    the local threshold loses it there and two rows run together. Vertical rules are not: a
    character's stroke meeting a rule would reach their 4 mm and cut a cell in two."""
    import cv2

    ink = _ink(grey)
    _, dark = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    rules: list[Rule] = []
    mask = None
    for horizontal in (True, False):
        length = max(10, int(dpi / 25.4 * (8 if horizontal else 4)))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
        lines = cv2.morphologyEx(cv2.bitwise_or(ink, dark) if horizontal else ink, cv2.MORPH_OPEN, kernel)
        # bridge small breaks (scan noise, a rule drawn in two strokes)
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1) if horizontal else (1, 9))
        lines = cv2.morphologyEx(lines, cv2.MORPH_CLOSE, bridge)
        mask = lines if mask is None else cv2.bitwise_or(mask, lines)
        n, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for i in range(1, n):
            x, y, w, h, _area = stats[i]
            if horizontal and w >= length and h <= max(8, dpi / 25):
                yc = y + h / 2
                rules.append(Rule(float(x), yc, float(x + w), yc))
            elif not horizontal and h >= length and w <= max(8, dpi / 25):
                xc = x + w / 2
                rules.append(Rule(xc, float(y), xc, float(y + h)))
    return rules, mask


def erase(grey: Any, mask: Any, areas: list[tuple[float, float, float, float]]) -> Any:
    """The image with the masked pixels (rules, slightly widened) painted in the paper tone, inside
    the given areas (the tables' boxes) only: outside a table, a "rule" is a stroke of a large
    character."""
    import cv2
    import numpy as np

    if mask is None or not areas:
        return grey
    inside = np.zeros_like(mask)
    h, w = mask.shape
    for x0, top, x1, bottom in areas:
        inside[max(0, int(top) - 3):min(h, int(bottom) + 4), max(0, int(x0) - 3):min(w, int(x1) + 4)] = 255
    widened = cv2.dilate(cv2.bitwise_and(mask, inside), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    out = grey.copy()
    out[widened > 0] = int(np.percentile(grey, 90))
    return out
