"""Benchmark of the PDF dossier: a generated vault big enough for a ~300-page dossier.

    python scripts/bench_pdf.py [--parts 7] [--questions 5] [--resources 4] [--keep]

Builds the vault in a temporary project (the sample's `_config.yml` and `_static/`), converts it,
renders the dossier, and prints the page count, the elapsed seconds of each step (and the
processor seconds of the dossier's) and the peak memory of the subprocesses (Sphinx, WeasyPrint)
from getrusage; then the time WeasyPrint alone takes on the same HTML and stylesheet (one layout,
in a fresh interpreter as the dossier's own is), and the ratio of the whole dossier's time to it. Nothing here asserts: the figures are for
people (the issue's targets: 300 pages in under 60 s, under 1.5 GB; within 1.5x of WeasyPrint alone).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from notes2book.config import load_project  # noqa: E402
from notes2book.convert import convert  # noqa: E402
from notes2book.diagnostics import Diagnostics  # noqa: E402
from notes2book.pdf import PdfReport, build_pdf  # noqa: E402

WORDS = ("musée collection public médiation numérique œuvre exposition visite patrimoine archive "
         "conservation inventaire accessibilité évaluation stratégie réseau donnée licence image "
         "partenaire territoire atelier enseignant famille chercheur plateforme contenu").split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 18))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + rng.choice([".", ".", " ?", " !", " : voici."])


def _paragraph(rng: random.Random, sentences: int = 6) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def write_vault(vault: Path, parts: int, questions: int, resources: int, seed: int = 1) -> None:
    rng = random.Random(seed)  # the same vault each run, so figures compare
    (vault / "questions").mkdir(parents=True)
    (vault / "ressources").mkdir()
    home = ["# Parcours de référence", "", _paragraph(rng), ""]
    for p in range(1, parts + 1):
        home += [f"## Partie {p} — Thème {p}", "", _paragraph(rng, 2), ""]
        for q in range(1, questions + 1):
            qtitle = f"Question {p}.{q} sur le thème {p}"
            home.append(f"{q}. [[{qtitle}]]")
            body = ["---", "tags: question", "---", f"# {qtitle} ?", ""]
            for _ in range(3):
                body += [_paragraph(rng, 7), ""]
            body += ["> [!question] À vous de jouer", f"> {_sentence(rng)}", f"> {_sentence(rng)}", ""]
            for r in range(1, resources + 1):
                rtitle = f"Ressource {p}.{q}.{r}"
                body += [f"{r}. [[{rtitle}]]", f"   {_sentence(rng)}"]
                url = f"https://example.org/ressources/theme-{p}/question-{q}/ressource-{r}-avec-une-adresse-longue"
                note = ["---", "tags: ressource", "---", f"# [{rtitle}]({url})", f"*Éditeur {p}, 2024*", ""]
                for _ in range(5):
                    note += [_paragraph(rng, 6), ""]
                note += ["## À retenir", ""] + [f"- {_sentence(rng)}" for _ in range(4)] + [""]
                note += [f"Voir aussi [la page officielle](https://example.org/officiel/{p}/{q}/{r}) "
                         f"et [[Question {p}.{q} sur le thème {p}]].", ""]
                (vault / "ressources" / f"{rtitle}.md").write_text("\n".join(note), encoding="utf-8")
            body += ["", f"Voir [[Ressource {p}.{q}.1#À retenir]].", ""]
            (vault / "questions" / f"{qtitle}.md").write_text("\n".join(body), encoding="utf-8")
        home.append("")
    (vault / "Accueil.md").write_text("\n".join(home), encoding="utf-8")


def _cpu() -> float:
    """Processor seconds used so far by this process and its finished subprocesses: on a machine
    busy with other work they vary less than elapsed seconds."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def weasyprint_alone(html: Path, css: Path, output: Path) -> float:
    """Seconds WeasyPrint takes to lay out `html` with `css` and write the PDF, imports included;
    offline, as the dossier's layout is (an address on the network would wait for its timeout)."""
    code = ("import sys; from weasyprint import CSS, HTML; from weasyprint.urls import URLFetcher; "
            "fetcher = URLFetcher(allowed_protocols=('file', 'data')); "
            "HTML(filename=sys.argv[1], url_fetcher=fetcher)"
            ".write_pdf(sys.argv[3], stylesheets=[CSS(filename=sys.argv[2], url_fetcher=fetcher)])")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(html), str(css), str(output)], check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", type=int, default=7)
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--resources", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and print where")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="notes2book-bench-"))
    try:
        shutil.copyfile(ROOT / "_config.yml", tmp / "_config.yml")
        shutil.copytree(ROOT / "_static", tmp / "_static")
        write_vault(tmp / "notes", args.parts, args.questions, args.resources)
        project = load_project(tmp)
        started = time.perf_counter()
        diags = Diagnostics()
        convert(project, diags)
        converted, cpu_before = time.perf_counter(), _cpu()
        report = PdfReport(Path())
        pdf = build_pdf(project, report=report, diags=diags)
        done, cpu = time.perf_counter(), _cpu() - cpu_before
        # ru_maxrss of children: the largest of the finished subprocesses (KiB on Linux).
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        notes = args.parts * args.questions * (args.resources + 1) + 1
        print(f"notes: {notes}  pages: {report.pages}  sources: {report.sources}  layout passes: {report.passes}")
        print(f"convert: {converted - started:.1f} s")
        print(f"pdf (Sphinx print build + WeasyPrint): {done - converted:.1f} s, processor time {cpu:.1f} s")
        print(f"peak memory of a subprocess: {peak_mib:.0f} MiB")
        print(f"diagnostics: {len(diags.items)}  size: {pdf.stat().st_size / 1e6:.1f} MB")
        work = project.build / "pdf" / ".print"
        alone = weasyprint_alone(work / f"{pdf.stem}.dossier.html", work / f"{pdf.stem}.print.css", tmp / "alone.pdf")
        print(f"WeasyPrint alone on the same HTML: {alone:.1f} s; "
              f"pdf / WeasyPrint alone: {(done - converted) / alone:.2f}")
        if args.keep:
            print(f"project kept in {tmp}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
