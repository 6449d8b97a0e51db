"""``python -m bench [name ...]``: run the benchmarks (all by default), print a table."""

import sys

from bench.harness import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
