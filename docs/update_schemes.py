"""Write docs/schemes.md from argmap's catalogue of argumentation schemes (`make docs`)."""

from __future__ import annotations

import sys
from pathlib import Path

from argmap.schemes import catalogue
from argmap.schemes_doc import schemes_markdown

TARGET = Path(__file__).resolve().parent / "schemes.md"

if __name__ == "__main__":
    TARGET.write_text(schemes_markdown(catalogue().values()), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
