"""``python -m geo.cli``: run the command line."""

import sys

from geo.cli import main

sys.exit(main())
