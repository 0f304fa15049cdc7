"""公示与异议's parts; ``pages/publication.py`` is the script Streamlit runs (it is never imported,
so this package has its name)."""
