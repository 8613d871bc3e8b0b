"""Words the reader sees that the notes do not supply, in the course's language."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "other_notes": "Autres notes",
        "course_home": "Accueil",
        "embedded_from": "Extrait de",
        "missing_link": "lien introuvable",
        "tags": "Étiquettes",
        "nested_tags": "Étiquettes imbriquées",
        "cited_in": "Cité dans",
        "related_questions": "Questions liées",
        "source": "Source\u00a0:",
        "source_link": "source ↗",
        "quote_open": "«\u00a0",
        "quote_close": "\u00a0»",
    },
    "en": {
        "other_notes": "Other notes",
        "course_home": "Home",
        "embedded_from": "From",
        "missing_link": "missing link",
        "tags": "Tags",
        "nested_tags": "Nested tags",
        "cited_in": "Cited in",
        "related_questions": "Related questions",
        "source": "Source:",
        "source_link": "source ↗",
        "quote_open": "“",
        "quote_close": "”",
    },
}

CALLOUT_TITLES: dict[str, dict[str, str]] = {
    "fr": {
        "note": "Note", "abstract": "Résumé", "summary": "Résumé", "tldr": "En bref", "info": "Info",
        "todo": "À faire", "tip": "Astuce", "hint": "Indice", "important": "Important",
        "success": "Succès", "check": "Vérifié", "done": "Fait", "question": "Question",
        "help": "Aide", "faq": "FAQ", "warning": "Attention", "caution": "Prudence",
        "attention": "Attention", "failure": "Échec", "fail": "Échec", "missing": "Manquant",
        "danger": "Danger", "error": "Erreur", "bug": "Bogue", "example": "Exemple",
        "quote": "Citation", "cite": "Citation", "exercise": "Exercice",
    },
    "en": {
        "note": "Note", "abstract": "Abstract", "summary": "Summary", "tldr": "TL;DR", "info": "Info",
        "todo": "Todo", "tip": "Tip", "hint": "Hint", "important": "Important",
        "success": "Success", "check": "Check", "done": "Done", "question": "Question",
        "help": "Help", "faq": "FAQ", "warning": "Warning", "caution": "Caution",
        "attention": "Attention", "failure": "Failure", "fail": "Fail", "missing": "Missing",
        "danger": "Danger", "error": "Error", "bug": "Bug", "example": "Example",
        "quote": "Quote", "cite": "Cite", "exercise": "Exercise",
    },
}

# Obsidian's callout families, mapped to the admonition styles the site theme knows.
CALLOUT_STYLES: dict[str, str] = {
    "note": "note", "info": "note", "todo": "note",
    "abstract": "tip", "summary": "tip", "tldr": "tip",
    "tip": "tip", "hint": "tip", "important": "important",
    "success": "tip", "check": "tip", "done": "tip",
    "question": "hint", "help": "hint", "faq": "hint", "exercise": "hint",
    "warning": "warning", "caution": "warning", "attention": "warning",
    "failure": "danger", "fail": "danger", "missing": "danger",
    "danger": "danger", "error": "danger", "bug": "danger",
    "example": "seealso", "quote": "note", "cite": "note",
}


def label(language: str, name: str) -> str:
    return LABELS.get(language, LABELS["en"])[name]


def callout_title(language: str, kind: str) -> str:
    titles = CALLOUT_TITLES.get(language, CALLOUT_TITLES["en"])
    return titles.get(kind, kind.replace("-", " ").replace("_", " ").capitalize())
