"""Time `convert` and `check` on a generated vault: python scripts/bench_convert.py [--notes 200]."""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notes2book.config import load_project
from notes2book.convert import convert, convert_vault
from notes2book.diagnostics import Diagnostics

REPO = Path(__file__).resolve().parent.parent
WORDS = ("musée collection numérique public médiation exposition œuvre visiteur réseau "
         "patrimoine archive donnée accessibilité évaluation stratégie contenu").split()


def sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(vault: Path, count: int, seed: int = 7) -> None:
    """A course vault: a home note, questions, resources, links of every common kind."""
    rng = random.Random(seed)
    questions = [f"Question {i:03d} sur le numérique" for i in range(count // 5)]
    resources = [f"Ressource {i:03d}, l'étude" for i in range(count - len(questions) - 1)]
    (vault / "questions").mkdir(parents=True)
    (vault / "ressources").mkdir()
    parts = [questions[i:i + 10] for i in range(0, len(questions), 10)]
    home = ["# Parcours", ""]
    for n, part in enumerate(parts, 1):
        home += [f"## Partie {n}", ""] + [f"1. [[{q}]]" for q in part] + [""]
    (vault / "Accueil.md").write_text("\n".join(home), encoding="utf-8")
    for q in questions:
        items = rng.sample(resources, 5)
        body = [f"---\ntags: question\n---\n# {q} ?", "", sentence(rng), "", "> [!question] À vous", f"> {sentence(rng)}", ""]
        body += [f"{i}. [[{r}|{r}]]\n   {sentence(rng)}" for i, r in enumerate(items, 1)]
        body += ["", f"Voir [[{rng.choice(questions)}]] et [[{items[0]}#À retenir]]."]
        (vault / "questions" / f"{q}.md").write_text("\n".join(body) + "\n", encoding="utf-8")
    for r in resources:
        body = [f"---\ntags: ressource\n---\n# [{r}](https://example.org/{rng.randint(1, 999)})", "",
                *(sentence(rng) for _ in range(6)), "", "## À retenir", "",
                *(f"- {sentence(rng, 8)}" for _ in range(4)), "", f"Voir aussi [[{rng.choice(resources)}]]."]
        (vault / "ressources" / f"{r}.md").write_text("\n".join(body) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(REPO / "_config.yml", root)
        shutil.copytree(REPO / "_static", root / "_static")  # the logo _config.yml names
        generate(root / "notes", args.notes)
        project = load_project(root)

        def timed(label: str, action) -> None:  # noqa: ANN001
            start = time.perf_counter()
            diags = Diagnostics()
            action(project, diags)
            print(f"{label:<34} {time.perf_counter() - start:6.3f} s  ({len(diags.items)} diagnostics)")

        print(f"vault: {args.notes} notes")
        timed("check (no writes)", convert_vault)
        timed("convert, empty book/", convert)
        timed("convert again, nothing changed", convert)
        note = next((root / "notes/ressources").iterdir())
        note.write_text(note.read_text(encoding="utf-8") + "\nUne ligne de plus.\n", encoding="utf-8")
        timed("convert after editing one note", convert)


if __name__ == "__main__":
    main()
