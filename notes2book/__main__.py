import sys

from notes2book.cli import main

sys.exit(main())
