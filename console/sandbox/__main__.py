"""`python -m console.sandbox`: the same as `collector-sandbox`."""

import sys

from console.sandbox.cli import main

sys.exit(main())
