"""The file is not UTF-8, not YAML, empty, or its top level is not a mapping.

What it finds
    A map file argmap cannot read at all: a file that cannot be opened (no
    permission, a folder, a FIFO or a device), bytes that are not UTF-8 (reported at
    the first bad byte, with its offset), YAML syntax errors, more than one YAML
    document, an empty file, or a top level that is a list or a scalar.

Why it matters
    Nothing else can be checked in a file argmap cannot parse; the other files of a
    run are still checked.

Example
    ```yaml
    argmap: 1
    title: "An unterminated string
    ```

How to fix
    Repair the YAML at the reported position; an editor with a YAML mode shows the
    same error.
"""

CODE = "AM001"
NAME = "invalid-yaml"
SEVERITY = "error"
STRUCTURAL = True
