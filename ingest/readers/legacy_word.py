"""Legacy Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice headless, then read.

Many county reports are still published as .doc. Without LibreOffice the file is recorded as
`converter_missing` with the command that installs it, instead of failing obscurely."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ingest.document import Document
from ingest.errors import IngestError

CONVERT_TIMEOUT_S = 180
INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu: `apt-get install libreoffice-writer`; "
                "macOS: `brew install --cask libreoffice`) so that `soffice` is on PATH")


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, out_dir: Path) -> Path:
    """Run `soffice --headless --convert-to docx` with a private profile (parallel-safe)."""
    soffice = find_soffice()
    if soffice is None:
        raise IngestError("converter_missing", f"{path.name} is a legacy {path.suffix} file; {INSTALL_HINT}")
    profile = out_dir / "lo-profile"
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "docx", "--outdir", str(out_dir), str(path)]
    try:
        subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False,
                       env={**os.environ, "HOME": str(out_dir)})
    except subprocess.TimeoutExpired as e:
        raise IngestError("corrupt", f"LibreOffice did not convert {path.name} within {CONVERT_TIMEOUT_S}s") from e
    out = out_dir / (path.stem + ".docx")
    if not out.is_file() or out.stat().st_size == 0:
        raise IngestError("corrupt", f"LibreOffice could not convert {path.name} (damaged or encrypted?)")
    return out


def read(path: Path, sha256: str) -> Document:
    from ingest.readers import docx_reader

    with tempfile.TemporaryDirectory(prefix="jixiao-doc-") as tmp:
        src = Path(tmp) / ("source" + path.suffix.lower())
        shutil.copyfile(path, src)  # a plain ASCII name: LibreOffice and odd file names do not mix
        docx_path = convert_to_docx(src, Path(tmp))
        doc = docx_reader.read(docx_path, sha256)
    doc.source_name = path.name
    doc.format = "doc"  # .doc and .wps alike: the warehouse knows one legacy Word format
    return doc
