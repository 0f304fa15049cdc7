"""数据管理's parts, one idea a module; ``pages/data.py`` is the script Streamlit runs (it lays them
out in the page's order; it is never imported, so this package has its name)."""
