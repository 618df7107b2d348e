"""Entry point of the frozen app: the same ``colearn`` command line as the installed one."""

import sys

from colearn_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
