"""`python -m peernotes` behaves exactly like the `peernotes` command."""

import sys

from peernotes.cli import main

sys.exit(main())
