"""Allows ``python -m colearn_desktop`` to behave exactly like the ``colearn`` script."""

import sys

from colearn_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
