"""notes2book: an Obsidian vault becomes a Jupyter Book course site, a PDF dossier and workbooks."""

__version__ = "0.1.0"
