import sys

from pmedu.cli import main

sys.exit(main())
