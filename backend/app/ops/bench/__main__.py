"""`python -m app.ops.bench [--quick] [--only NAME]`."""

import sys

from app.ops.bench import run

sys.exit(run(sys.argv[1:]))
