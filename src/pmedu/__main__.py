"""``python -m pmedu``: the same as the ``pmedu`` command."""

import sys

from pmedu.cli import main

if __name__ == "__main__":
    sys.exit(main())
