"""An id defined twice, in one section or across sections.

What it finds
    A second definition of an id, whether as a repeated key in one section (which
    plain YAML loaders silently collapse, keeping only the last) or as the same id
    under two sections (a claim and an argument, say). It is reported at the second
    definition; the first one is kept.

Why it matters
    A repeated key is the commonest way a map silently loses a claim.

Example
    ```yaml
    claims:
      t: {text: The thesis}
      t: {text: Another claim that happens to reuse the id}
    ```

How to fix
    Give the second item an id of its own, and update the references meant for it.
"""

CODE = "AM003"
NAME = "duplicate-id"
SEVERITY = "error"
STRUCTURAL = True
