"""The lint baseline: read a file and apply one regular expression to each line.

    python benchmarks/regex_loop.py FILE

Counts the lines that look like a raw-log line (``HH:MM:SS <nick> text``) and prints the count.
"""

from __future__ import annotations

import re
import sys

LOG_LINE = re.compile(r"^(\d{1,2}):(\d{2}):(\d{2}) <([^>]+)> ?(.*)$")


def main(path: str) -> int:
    matched = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if LOG_LINE.match(line):
                matched += 1
    print(matched)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
