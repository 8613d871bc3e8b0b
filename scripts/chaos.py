"""Kill and overlap `convert` runs on a generated vault for a while; report any book that differs
from a clean run's, and any run that ended in a traceback.

    python scripts/chaos.py [--notes 1000] [--minutes 5] [--seed 1]

Each trial switches the vault between two versions (every note edited), so that every run rewrites
every page, then does one of: a run killed (SIGKILL) at a random moment of its expected duration;
two runs started together; a run killed while a second one waits for the project. It then lets
one run finish alone and compares `book/` and `_toc.yml` with a clean conversion of the same
vault. Figures are printed as the trials go and summed up at the end.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_convert import generate

REPO = Path(__file__).resolve().parent.parent
EDIT = "\nModifié pour l'essai.\n"


def _project(folder: Path, notes: int, edited: bool) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(REPO / "_config.yml", folder / "_config.yml")
    shutil.copytree(REPO / "_static", folder / "_static")
    generate(folder / "notes", notes)
    if edited:
        for note in (folder / "notes").rglob("*.md"):
            note.write_text(note.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
    return folder


def _start(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "notes2book", "convert", "--root", str(root)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _book(root: Path) -> dict[str, bytes]:
    files = {p.relative_to(root).as_posix(): p.read_bytes()
             for p in sorted((root / "book").rglob("*")) if p.is_file()}
    files["_toc.yml"] = (root / "_toc.yml").read_bytes()
    return files


def _clean(folder: Path) -> tuple[dict[str, bytes], float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "notes2book", "convert", "--root", str(folder)], cwd=REPO,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"a clean conversion failed: {done.stderr[-2000:]}")
    return _book(folder), time.perf_counter() - start


def _use_vault(work: Path, source: Path) -> None:
    shutil.rmtree(work / "notes")
    shutil.copytree(source / "notes", work / "notes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="notes2book-chaos-") as tmp:
        base = Path(tmp)
        versions = [_project(base / "a", args.notes, False), _project(base / "b", args.notes, True)]
        expected, durations = zip(*(_clean(v) for v in versions), strict=True)
        duration = max(durations)
        print(f"{args.notes} notes, {len(expected[0])} book files; a clean run takes {duration:.1f} s")
        work = _project(base / "work", args.notes, False)
        _clean(work)
        current = 0
        counts = {"trials": 0, "killed": 0, "overlapped": 0, "killed-while-waiting": 0,
                  "differences": 0, "tracebacks": 0, "refused (exit 2)": 0}
        deadline = time.monotonic() + args.minutes * 60
        while time.monotonic() < deadline:
            current = 1 - current
            _use_vault(work, versions[current])
            action = rng.choice(("kill", "overlap", "kill-first"))
            runs = [_start(work)]
            if action in ("overlap", "kill-first"):
                runs.append(_start(work))
            if action in ("kill", "kill-first"):
                time.sleep(rng.uniform(0, duration))
                runs[0].send_signal(signal.SIGKILL)
            for run in runs:
                _, stderr = run.communicate()
                counts["tracebacks"] += "Traceback" in stderr
                counts["refused (exit 2)"] += run.returncode == 2
            counts[{"kill": "killed", "overlap": "overlapped", "kill-first": "killed-while-waiting"}[action]] += 1
            final, _ = _clean(work)
            same = final == expected[current]
            counts["differences"] += not same
            counts["trials"] += 1
            print(f"trial {counts['trials']:3d}: {action:10s} {'same as a clean run' if same else 'DIFFERS'}",
                  flush=True)
        print("; ".join(f"{name}: {value}" for name, value in counts.items()))
        return 1 if counts["differences"] or counts["tracebacks"] else 0


if __name__ == "__main__":
    sys.exit(main())
