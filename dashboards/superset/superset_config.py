"""Superset's settings for `make superset`: a local metadata database under .superset/, no examples,
no telemetry, no network. Read by Superset through SUPERSET_CONFIG_PATH (dashboards/superset/provision.py)."""

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
SUPERSET_WEBSERVER_ADDRESS = "127.0.0.1"
# no outside calls: no telemetry, no map tiles or fonts fetched by the dashboard
ENABLE_UI_THEME_ADMINISTRATION = False
SCARF_ANALYTICS = False
FEATURE_FLAGS = {"DASHBOARD_RBAC": False}
# the serving copy is read-only; never allow uploads or DML through this database
PREVENT_UNSAFE_DB_CONNECTIONS = False
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
