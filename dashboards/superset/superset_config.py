"""Superset's settings for `make superset`: a local metadata database and secret key under .superset/
(or $JIXIAO_SUPERSET_HOME). Superset reads this file through SUPERSET_CONFIG_PATH (provision.py)."""

import os
from pathlib import Path

_HOME = Path(os.environ.get("JIXIAO_SUPERSET_HOME", Path(__file__).resolve().parents[2] / ".superset"))
_HOME.mkdir(parents=True, exist_ok=True)
_KEY = _HOME / "secret_key"
if not _KEY.exists():
    _KEY.write_text(os.urandom(32).hex(), encoding="utf-8")

SECRET_KEY = _KEY.read_text(encoding="utf-8").strip()
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_HOME / 'superset.db'}"
DATA_DIR = str(_HOME)
WTF_CSRF_ENABLED = True
# nothing to cache: the serving copy is small and changes every night
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
