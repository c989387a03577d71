"""Check the built distributions as the index team would, beyond twine and
check-wheel-contents: LICENSE in both, no two templates alike, and an sdist holding every
file of the repository that `make test` needs (so that it runs from the unpacked sdist).

    python tools/check_release.py dist
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Repository files that are not part of the source distribution, by design.
NOT_SHIPPED = (".gitignore",)


def main(dist: Path) -> None:
    wheel = next(dist.glob("yifeng-*.whl"))
    sdist = next(dist.glob("yifeng-*.tar.gz"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), "LICENSE is not in the wheel"
        digests: dict[str, str] = {}
        for name in names:
            if name.startswith("yifeng/render/templates/") and name.endswith(".docx"):
                digest = hashlib.sha256(archive.read(name)).hexdigest()
                assert digest not in digests, f"{name} is byte-identical to {digests.get(digest)}"
                digests[digest] = name
        assert len(digests) >= 4, sorted(digests.values())
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        shipped = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    assert "LICENSE" in shipped, "LICENSE is not in the sdist"
    try:
        tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        print(f"{sdist.name}: not a git checkout, the sdist's contents are not compared")
        return
    missing = sorted(f for f in tracked.splitlines() if f not in shipped and f not in NOT_SHIPPED)
    assert not missing, f"{sdist.name} lacks files `make test` uses: {missing[:10]}"
    print(f"{wheel.name}, {sdist.name} ({top}): LICENSE in both, {len(digests)} distinct templates, "
          f"every tracked file in the sdist")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "dist"))
