"""`make superset`: set up Apache Superset on the serving copy and import the jixiao dashboard.

Superset runs from its own environment (.venv-superset, dashboards/superset/requirements.txt with
constraints.txt). This script, plain Python, fills the serving copy's absolute path into the bundle
(bundle/, Superset's own export YAML), zips it, and drives Superset's CLI: metadata database,
an admin user, roles, the import. With --serve it then runs the web server on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
PLACEHOLDER = "__SERVING_DB__"
ADMIN = "admin"


def superset_env(home: Path) -> dict[str, str]:
    return {**os.environ, "SUPERSET_CONFIG_PATH": str(HERE / "superset_config.py"),
            "JIXIAO_SUPERSET_HOME": str(home), "FLASK_APP": "superset", "SUPERSET_LOAD_EXAMPLES": "no"}


def render_bundle(serving_db: Path, out: Path) -> Path:
    """The bundle as a zip Superset imports, with the serving database's path filled in."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as z:
        for f in sorted((HERE / "bundle").rglob("*.yaml")):
            text = f.read_text(encoding="utf-8").replace(PLACEHOLDER, str(serving_db))
            z.writestr(f"jixiao_dashboard/{f.relative_to(HERE / 'bundle')}", text)
    return out


def admin_password(home: Path) -> str:
    """The admin's password: made once, kept in <home>/admin_password (readable by the owner only)."""
    f = home / "admin_password"
    if not f.exists():
        f.write_text(secrets.token_urlsafe(12), encoding="utf-8")
        f.chmod(0o600)
    return f.read_text(encoding="utf-8").strip()


def provision(superset: Path, home: Path, serving_db: Path) -> str:
    """Metadata database, admin user, roles, then the dashboard import (idempotent). Returns the password."""
    if not serving_db.exists():
        sys.exit(f"nothing published at {serving_db}: run `make run` first")
    home.mkdir(parents=True, exist_ok=True)
    env = superset_env(home)
    password = admin_password(home)

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        out = subprocess.run([str(superset), *args], env=env, cwd=home, capture_output=True, text=True)
        if check and out.returncode != 0:
            sys.exit(f"superset {' '.join(args[:2])} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
        return out

    run("db", "upgrade")
    run("fab", "create-admin", "--username", ADMIN, "--firstname", "jixiao", "--lastname", "admin",
        "--email", "admin@localhost", "--password", password, check=False)  # exists already: fine
    run("init")
    bundle = render_bundle(serving_db, home / "jixiao_dashboard.zip")
    out = run("import-dashboards", "-p", str(bundle), "-u", ADMIN)
    if "error" in (out.stdout + out.stderr).lower() and "Dashboard(s) imported" not in out.stdout + out.stderr:
        sys.exit(f"import failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--superset", type=Path, default=PROJECT / ".venv-superset" / "bin" / "superset")
    parser.add_argument("--home", type=Path, default=Path(os.environ.get("JIXIAO_SUPERSET_HOME", PROJECT / ".superset")))
    parser.add_argument("--serving-db", type=Path, default=None,
                        help="the serving database (default: $JIXIAO_SERVING_DIR/jixiao.duckdb)")
    parser.add_argument("--port", type=int, default=8088)
    parser.add_argument("--serve", action="store_true", help="then run the web server on 127.0.0.1")
    a = parser.parse_args(argv)
    serving = os.environ.get("JIXIAO_SERVING_DIR", str(PROJECT / "warehouse" / "serving"))
    serving_db = (a.serving_db or Path(serving) / "jixiao.duckdb").resolve()
    password = provision(a.superset, a.home.resolve(), serving_db)
    url = f"http://127.0.0.1:{a.port}/superset/dashboard/jixiao/"
    print(f"Superset: {url}\n  login: {ADMIN} / {password}   (kept in {a.home.resolve() / 'admin_password'})")
    if a.serve:
        os.execve(str(a.superset), [str(a.superset), "run", "-h", "127.0.0.1", "-p", str(a.port), "--with-threads"],
                  superset_env(a.home.resolve()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
