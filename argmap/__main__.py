"""`python -m argmap`: the same as the `argmap` command."""

from .entry import main

main()
