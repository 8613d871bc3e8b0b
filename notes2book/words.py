"""Words the reader sees that the notes do not supply, in the course's language."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "other_notes": "Autres notes",
        "embedded_from": "Extrait de",
        "workbook_course_page": "Lire la question sur le site du cours",
        "workbook_course_page_offline": "Cette question est aussi la page «\u00a0{title}\u00a0» du site du cours.",
        "workbook_on_site": "(page «\u00a0{title}\u00a0» du site du cours)",
        "workbook_on_site_page": "(page du site du cours)",
        "workbook_reading": "Lectures",
        "workbook_answer": "Votre réponse…",
        "workbook_notes": "Mes notes",
        "workbook_notes_placeholder": "Vos notes…",
        "workbooks_zip": "cahiers",
        "tags": "Étiquettes",
        "nested_tags": "Étiquettes imbriquées",
        "cited_in": "Cité dans",
        "course_map": "Carte du parcours",
        "around_page": "Autour de cette page",
        "around_in": "Mènent ici",
        "around_out": "Mène vers",
        "download_pdf": "Télécharger le dossier PDF",
        "download_workbook": "Télécharger le cahier (.ipynb)",
        "download_workbooks": "Télécharger tous les cahiers (.zip)",
        "related_questions": "Questions liées",
        "source": "Source\u00a0:",
        "source_link": "source ↗",
        "context_sep": "\u00a0: ",
        "quote_open": "«\u00a0",
        "quote_close": "\u00a0»",
        # The site's own controls.
        "site_menu": "Menu du cours",
        "site_contents": "Sommaire de cette page",
        "site_navigation": "Parcours",
        "site_search_box": "Rechercher dans le cours…",
        "site_home": "accueil",
        "site_pages_under": "Pages sous «\u00a0{title}\u00a0»",
        "site_source_of": "source de «\u00a0{title}\u00a0» ↗",
        "site_diagram": "Schéma",
        # What a block only Obsidian can show is, and why the page does not show it.
        "obsidian_query": "Recherche Obsidian",
        "obsidian_dataview": "Requête Dataview",
        "obsidian_dataviewjs": "Script Dataview",
        "obsidian_tasks": "Requête Tasks",
        "obsidian_base": "Base Obsidian",
        "obsidian_canvas": "Canevas Obsidian",
        "obsidian_excalidraw": "Dessin Excalidraw",
        "obsidian_computed": "Ce bloc est calculé par Obsidian et n’est pas reproduit ici.",
        "obsidian_drawn": "Ce canevas s’affiche dans Obsidian et n’est pas reproduit ici.",
        "obsidian_sketched": "Ce dessin s’affiche dans Obsidian et n’est pas reproduit ici.",
    },
    "en": {
        "other_notes": "Other notes",
        "embedded_from": "From",
        "workbook_course_page": "Read the question on the course site",
        "workbook_course_page_offline": "This question is also the page “{title}” of the course site.",
        "workbook_on_site": "(page “{title}” of the course site)",
        "workbook_on_site_page": "(page of the course site)",
        "workbook_reading": "Reading list",
        "workbook_answer": "Your answer…",
        "workbook_notes": "My notes",
        "workbook_notes_placeholder": "Your notes…",
        "workbooks_zip": "workbooks",
        "tags": "Tags",
        "nested_tags": "Nested tags",
        "cited_in": "Cited in",
        "course_map": "Course map",
        "around_page": "Around this page",
        "around_in": "Linking here",
        "around_out": "Links to",
        "download_pdf": "Download the PDF dossier",
        "download_workbook": "Download the workbook (.ipynb)",
        "download_workbooks": "Download all workbooks (.zip)",
        "related_questions": "Related questions",
        "source": "Source:",
        "source_link": "source ↗",
        "context_sep": ": ",
        "quote_open": "“",
        "quote_close": "”",
        "site_menu": "Course menu",
        "site_contents": "Contents of this page",
        "site_navigation": "Course",
        "site_search_box": "Search the course…",
        "site_home": "home",
        "site_pages_under": "Pages under “{title}”",
        "site_source_of": "source of “{title}” ↗",
        "site_diagram": "Diagram",
        "obsidian_query": "Obsidian search",
        "obsidian_dataview": "Dataview query",
        "obsidian_dataviewjs": "Dataview script",
        "obsidian_tasks": "Tasks query",
        "obsidian_base": "Obsidian base",
        "obsidian_canvas": "Obsidian canvas",
        "obsidian_excalidraw": "Excalidraw drawing",
        "obsidian_computed": "This block is computed by Obsidian and is not reproduced here.",
        "obsidian_drawn": "This canvas is displayed by Obsidian and is not reproduced here.",
        "obsidian_sketched": "This drawing is displayed by Obsidian and is not reproduced here.",
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
        "quote": "Citation", "cite": "Citation", "exercise": "Exercice", "seealso": "Voir aussi",
    },
    "en": {
        "note": "Note", "abstract": "Abstract", "summary": "Summary", "tldr": "TL;DR", "info": "Info",
        "todo": "Todo", "tip": "Tip", "hint": "Hint", "important": "Important",
        "success": "Success", "check": "Check", "done": "Done", "question": "Question",
        "help": "Help", "faq": "FAQ", "warning": "Warning", "caution": "Caution",
        "attention": "Attention", "failure": "Failure", "fail": "Fail", "missing": "Missing",
        "danger": "Danger", "error": "Error", "bug": "Bug", "example": "Example",
        "quote": "Quote", "cite": "Cite", "exercise": "Exercise", "seealso": "See also",
    },
}

# Obsidian's callout families (and the Admonition plugin's `seealso`), mapped to the admonition
# styles the site theme knows.
CALLOUT_STYLES: dict[str, str] = {
    "note": "note", "info": "note", "todo": "note",
    "abstract": "tip", "summary": "tip", "tldr": "tip",
    "tip": "tip", "hint": "tip", "important": "important",
    "success": "tip", "check": "tip", "done": "tip",
    "question": "hint", "help": "hint", "faq": "hint", "exercise": "hint",
    "warning": "warning", "caution": "warning", "attention": "warning",
    "failure": "danger", "fail": "danger", "missing": "danger",
    "danger": "danger", "error": "danger", "bug": "danger",
    "example": "seealso", "quote": "note", "cite": "note", "seealso": "seealso",
}


# The printed dossier's own words.
DOSSIER_WORDS: dict[str, dict[str, str]] = {
    "fr": {"contents": "Sommaire", "sources": "Sources", "cited": "cité p.", "see": "voir p.",
           "see_title": "voir «\u202f", "see_title_end": "\u202f», p.", "page": "p.", "part": "Partie", "built": "Dossier produit le",
           "repository": "Sources du cours\u00a0:", "licence": "Licence\u00a0:",
           "generator": "Mis en page par notes2book avec Sphinx et WeasyPrint.",
           "media_video": "Vidéo en ligne", "media_audio": "Enregistrement en ligne",
           "media_image": "Image en ligne", "introduction": "Introduction", "figure": "Figure",
           "web": "Édition en ligne\u00a0:", "qr": "QR code de l’édition en ligne\u00a0:"},
    "en": {"contents": "Contents", "sources": "Sources", "cited": "cited p.", "see": "see p.",
           "see_title": "see “", "see_title_end": "”, p.", "page": "p.", "part": "Part", "built": "Built on", "repository": "Course sources:",
           "licence": "Licence:", "generator": "Typeset by notes2book with Sphinx and WeasyPrint.",
           "media_video": "Online video", "media_audio": "Online recording",
           "media_image": "Online image", "introduction": "Introduction", "figure": "Figure",
           "web": "Online edition:", "qr": "QR code of the online edition:"},
}


def dossier_words(language: str) -> dict[str, str]:
    return DOSSIER_WORDS.get(language, DOSSIER_WORDS["en"])


def label(language: str, name: str) -> str:
    return LABELS.get(language, LABELS["en"])[name]


def callout_title(language: str, kind: str) -> str:
    titles = CALLOUT_TITLES.get(language, CALLOUT_TITLES["en"])
    return titles.get(kind, kind.replace("-", " ").replace("_", " ").capitalize())
