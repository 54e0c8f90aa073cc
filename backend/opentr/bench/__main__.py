"""`python -m opentr.bench [--quick] [--only NAME]`."""

import sys

from opentr.bench import run

sys.exit(run(sys.argv[1:]))
