"""Step 3: one markdown-it rule per Obsidian form; each keeps what it parsed in `token.meta`."""
