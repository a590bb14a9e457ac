"""LibreOffice headless conversions (DOCX → PDF/DOC, XLSX → XLS) for the fixture renderer."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from ingest.readers.legacy_word import find_soffice


def convert(src: Path, fmt: str, out: Path) -> Path:
    """Convert `src` to `fmt` (an soffice filter name such as 'pdf', 'doc', 'xls') and move it to `out`."""
    soffice = find_soffice()
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to render this family: apt-get install libreoffice-writer")
    with tempfile.TemporaryDirectory(prefix="jixiao-render-") as tmp:
        tmp_dir = Path(tmp)
        profile = tmp_dir / "profile"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(tmp_dir), str(src)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": tmp})
        produced = tmp_dir / f"{src.stem}.{fmt.split(':')[0]}"
        if not produced.is_file():
            raise RuntimeError(f"LibreOffice did not produce {produced.name} from {src.name}")
        out.write_bytes(produced.read_bytes())
    return out
