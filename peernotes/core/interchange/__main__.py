"""`python -m peernotes.core.interchange [--write-docs]`: print the JSON Schema or refresh docs/."""

import sys

from peernotes.core.interchange.docs import main

sys.exit(main())
