"""Print the declared dependencies pinned to their floors (``pkg>=1.2`` → ``pkg==1.2``),
for the job that installs the oldest versions yifeng claims to support and runs the
tests against them (``make test-min``).

    python tools/min_requirements.py > build/min.txt
    python tools/min_requirements.py --verify   # in that environment: are the floors installed?
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def floors() -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        declared += extra
    pinned = []
    for requirement in declared:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)\s*(?:,.*)?", requirement)
        if match is None:
            raise SystemExit(f"no floor to pin in {requirement!r}: every dependency needs a >= bound")
        pinned.append(f"{match[1]}=={match[2]}")
    return sorted(set(pinned), key=str.lower)


def verify() -> None:
    """Fail unless every dependency is installed at exactly its floor."""
    wrong = []
    for pin in floors():
        name, version = pin.split("==")
        installed = metadata.version(name)
        if [int(p) for p in re.findall(r"\d+", installed)][:3] != ([int(p) for p in version.split(".")] + [0, 0])[:3]:
            wrong.append(f"{name} {installed} (floor {version})")
        print(f"{name}=={installed}")
    if wrong:
        raise SystemExit("not at the floor: " + ", ".join(wrong))


if __name__ == "__main__":
    if sys.argv[1:] == ["--verify"]:
        verify()
    else:
        print("\n".join(floors()))
