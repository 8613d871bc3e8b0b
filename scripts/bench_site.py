"""Time the course site (convert + html, the real Jupyter Book) on generated vaults of several sizes.

    python scripts/bench_site.py                  # 250, 500 and 1,000 notes
    python scripts/bench_site.py --sizes 100 200  # a quick check

For each size: the time of `convert`, of `html`, the site's size and the size of an ordinary
page; then the ratios of the largest size to the smallest. A site whose cost grows linearly gives
ratios close to the ratio of the sizes (4 for 1,000 / 250). `html cpu` is the processor time the
site's build used (all its processes): on a machine busy with other work, the time of `html` says
little, and `html cpu` above `html` shows the build using more than one core.
NOTES2BOOK_SPHINX_JOBS=1 builds on one core, to compare.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notes2book.config import load_project
from notes2book.convert import convert
from notes2book.diagnostics import Diagnostics
from notes2book.site import build_html
from scripts.bench_convert import REPO, generate


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(count: int, work: Path) -> dict[str, float]:
    """Convert and build the site of a generated vault of `count` notes in `work`."""
    root = work / f"vault-{count}"
    root.mkdir()
    shutil.copy(REPO / "_config.yml", root)
    shutil.copytree(REPO / "_static", root / "_static")
    generate(root / "notes", count)
    project = load_project(root)
    start = time.perf_counter()
    convert(project, Diagnostics())
    converted = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    site = build_html(project, strict=True).output
    built = time.perf_counter()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    pages = sorted((site / "book/ressources").glob("*.html"))
    return {"notes": count, "convert": converted - start, "html": built - converted, "cpu": cpu,
            "site": _size(site), "page": pages[len(pages) // 2].stat().st_size if pages else 0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000], metavar="NOTES")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"{'notes':>6} {'convert':>9} {'html':>9} {'html cpu':>9} {'site':>10} {'a page':>9}")
        results = []
        for count in sizes:
            r = measure(count, work)
            results.append(r)
            print(f"{count:>6} {r['convert']:>8.1f}s {r['html']:>8.1f}s {r['cpu']:>8.1f}s {r['site'] / 1e6:>8.1f}MB "
                  f"{r['page'] / 1e3:>7.1f}KB", flush=True)
    if len(results) > 1:
        small, large = results[0], results[-1]
        print(f"ratios {large['notes']} / {small['notes']} notes: "
              f"time {large['html'] / small['html']:.2f}, "
              f"time with convert {(large['html'] + large['convert']) / (small['html'] + small['convert']):.2f}, "
              f"size {large['site'] / small['site']:.2f} (notes {large['notes'] / small['notes']:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
