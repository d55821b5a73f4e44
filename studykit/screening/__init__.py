"""Assisted screening and code suggestions on a study: the database's texts and decisions fed
to analysis.screening, and what it returns stored or written."""
