"""用地强度's parts, one idea a module; ``pages/intensity.py`` is the script Streamlit runs (it is
never imported, so this package has its name)."""
