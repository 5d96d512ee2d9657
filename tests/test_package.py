"""The wheel carries prompts/, the role data, the rank files and prices: build it once, install it into a folder
of its own, and run drafter from another folder with nothing but that install on the path."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import ROOT, drafter_env


@pytest.fixture(scope="module")
def wheel_install(tmp_path_factory):
    """(names in the wheel, the folder it is installed into), built and installed once for this module."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist),
                            str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("drafter-*.whl"))
    target = tmp / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    return zipfile.ZipFile(wheel).namelist(), target


def run_installed(target: Path, tmp_path: Path, *args: str, stdin: str | None = None, **env: str):
    """drafter from the installed wheel only, in an empty folder elsewhere; it prints where it was imported from."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    code = "import drafter, sys; from drafter.cli import main; print(drafter.__file__, file=sys.stderr); main()"
    proc = subprocess.run([sys.executable, "-c", code, *args], input=stdin, capture_output=True, text=True,
                          cwd=elsewhere, env=drafter_env(tmp_path / "home", PYTHONPATH=str(target), **env))
    assert proc.returncode == 0, proc.stderr
    assert str(target) in proc.stderr
    return proc


def test_wheel_ships_prompts_and_roles_and_drafts_from_elsewhere(wheel_install, tmp_path):
    names, target = wheel_install
    assert "drafter/prompts/system.j2" in names and "drafter/prompts/offline/section.j2" in names
    assert "drafter/data/roles/settlement-office.toml" in names
    facts = tmp_path / "elsewhere" / "facts.md"
    facts.parent.mkdir()
    facts.write_text("---\nrole: settlement\nyear: 2026\n---\n- Signed 418 sales contracts\n")
    proc = run_installed(target, tmp_path, "draft", "facts.md")
    assert "I signed 418 sales contracts." in proc.stdout


def test_the_wheel_ships_the_rank_files_and_counts_from_elsewhere_offline(wheel_install, tmp_path):
    names, target = wheel_install
    for name in ("cl100k_base.tiktoken.gz", "o200k_base.tiktoken.gz", "NOTICE.md"):
        assert f"drafter/data/encodings/{name}" in names
    assert "drafter/data/prices.toml" in names
    (tmp_path / "tiktoken").mkdir()
    proc = run_installed(target, tmp_path, "tokens", "-", "--model", "gpt-4", "--format", "json", stdin="hello world",
                         TIKTOKEN_CACHE_DIR=str(tmp_path / "tiktoken"), HTTPS_PROXY="http://127.0.0.1:9",
                         HTTP_PROXY="http://127.0.0.1:9")
    assert json.loads(proc.stdout)["tokens"] == 2
