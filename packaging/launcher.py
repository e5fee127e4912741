"""The frozen application's entry point: exactly what the `peernotes` command runs."""

import sys

from peernotes.cli import main

if __name__ == "__main__":
    sys.exit(main())
