"""A new virtual environment that sees the packages of the environment running the tests.

``system_site_packages=True`` would add the *base* interpreter's site folders, which lack
the dependencies when the tests themselves run in a virtualenv (the usual way); instead the
running interpreter's own site folders are added, after the new environment's, by a
``.pth`` file. Packages installed into the new environment win over them.
"""

from __future__ import annotations

import os
import site
import subprocess
import venv
from pathlib import Path


def clean_environment() -> dict[str, str]:
    """The process environment without what would make another interpreter import from
    this checkout (PYTHONPATH) or pretend to be this virtualenv."""
    return {key: value for key, value in os.environ.items()
            if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def site_folders() -> list[str]:
    """The folders this interpreter imports installed packages from."""
    folders = list(site.getsitepackages())
    if site.ENABLE_USER_SITE:
        folders.append(site.getusersitepackages())
    return [folder for folder in folders if Path(folder).is_dir()]


def create_venv(env_dir: Path) -> Path:
    """A virtualenv at ``env_dir`` with pip, seeing this environment's packages; returns
    its python."""
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    own = subprocess.run([str(python), "-c", "import sysconfig; "
                          "print(sysconfig.get_paths()['purelib'])"], check=True,
                         capture_output=True, text=True, env=clean_environment()).stdout.strip()
    Path(own, "_tested_environment.pth").write_text("\n".join(site_folders()) + "\n",
                                                     encoding="utf-8")
    return python
