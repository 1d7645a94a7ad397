"""Views of a map for people: the terminal tree and the word wrapping the diagrams share."""
