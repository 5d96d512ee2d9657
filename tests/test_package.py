"""The wheel carries prompts/ and the role data: install it elsewhere and draft from another folder."""

import subprocess
import sys
import zipfile

from helpers import ROOT, drafter_env


def test_wheel_ships_prompts_and_roles_and_drafts_from_elsewhere(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("drafter-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "drafter/prompts/system.j2" in names and "drafter/prompts/offline/section.j2" in names
    assert "drafter/data/roles/settlement-office.toml" in names
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    facts = elsewhere / "facts.md"
    facts.write_text("---\nrole: settlement\nyear: 2026\n---\n- Signed 418 sales contracts\n")
    env = drafter_env(tmp_path / "home", PYTHONPATH=str(target))
    code = "import drafter, sys; from drafter.cli import main; print(drafter.__file__, file=sys.stderr); main()"
    proc = subprocess.run([sys.executable, "-c", code, "draft", "facts.md"], capture_output=True, text=True, cwd=elsewhere, env=env)
    assert proc.returncode == 0, proc.stderr
    assert str(target) in proc.stderr
    assert "I signed 418 sales contracts." in proc.stdout
