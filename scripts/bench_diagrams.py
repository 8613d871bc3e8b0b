"""Benchmark of the dossier's Mermaid drawings: N generated diagrams drawn by one headless Chromium
run into an empty cache, then read back from the cache.

    python scripts/bench_diagrams.py [--diagrams 50]

Prints the seconds of the cold run (Chromium started, every diagram drawn) and of the cached one
(no Chromium), and the size of the drawings. Nothing here asserts: the figures are for people.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from notes2book.pdf.diagrams import drawings  # noqa: E402

WORDS = "musée collection public médiation œuvre exposition visite atelier archive réseau".split()


def _diagram(rng: random.Random, number: int) -> str:
    """A flowchart or a sequence diagram of a few steps, different for each number."""
    steps = [f"{rng.choice(WORDS).capitalize()} {number}.{i}" for i in range(rng.randint(3, 7))]
    if number % 2:
        lines = ["sequenceDiagram"] + [f"  P{i % 2}->>P{(i + 1) % 2}: {s}" for i, s in enumerate(steps)]
    else:
        lines = ["flowchart LR"] + [f"  N{i}[{a}] --> N{i + 1}[{b}]" for i, (a, b) in enumerate(itertools.pairwise(steps))]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diagrams", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(7)
    sources = [_diagram(rng, n) for n in range(args.diagrams)]
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        start = time.perf_counter()
        drawn, failure = drawings(sources, cache)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        drawings(sources, cache)
        cached = time.perf_counter() - start
        size = sum(p.stat().st_size for p in cache.glob("*.svg"))
    errors = sum(1 for d in drawn.values() if not d.svg)
    print(f"diagrams: {args.diagrams} (not drawn: {errors}{', ' + failure if failure else ''})")
    print(f"cold (one Chromium run): {cold:.2f} s, {cold / max(args.diagrams, 1) * 1000:.0f} ms per diagram")
    print(f"cached (no Chromium):    {cached:.3f} s")
    print(f"SVG: {size / 1024:.0f} KiB, {size / max(args.diagrams, 1) / 1024:.1f} KiB per diagram")
    return 0


if __name__ == "__main__":
    sys.exit(main())
