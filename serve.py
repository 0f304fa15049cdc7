"""Serve the atlas: ``python serve.py [streamlit options]`` (what ``bash setup.sh run`` does).

The project keeps its page scripts in ``pages/``. Streamlit treats a ``pages/`` folder beside the
main script as its legacy multipage mode until ``st.navigation`` first runs in the process, so a
deep link such as ``/data`` opened first would run that page without ``app.py`` (no shared sidebar,
file names as navigation). The atlas always navigates with ``st.navigation``: say so up front.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent / "app.py"


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
