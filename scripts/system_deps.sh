#!/usr/bin/env bash
# Debian packages the tests use: a CJK font (pdfium needs one to read CID-font PDFs drawn a glyph at a
# time), LibreOffice (.doc/.wps conversion), the GL and GLib libraries OpenCV (used by the default OCR)
# loads, tesseract with Chinese (the optional OCR engine) and chromium (the dashboard's real-browser
# test, driven by Playwright; `playwright install` is not used). Installed only when missing, only
# where apt-get and root are available; elsewhere it says what to install.
set -euo pipefail
PKGS=(fonts-wqy-zenhei chromium libreoffice-writer-nogui libreoffice-calc-nogui libgl1 libglib2.0-0 tesseract-ocr tesseract-ocr-chi-sim)
missing=()
for p in "${PKGS[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "installing system packages for the tests: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${missing[@]}" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
else
  echo "note: install these Debian packages for the full test suite: ${missing[*]}" >&2
fi
