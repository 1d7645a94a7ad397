"""A map that is valid YAML but not a valid map of format v1.

What it finds
    A missing required key (reported at the mapping that lacks it), a value of the
    wrong type, an unknown key (with a did-you-mean), an invalid id (other characters
    than ASCII letters, digits, `-` and `_`, or over 200 characters), an unsupported
    `argmap` version, a boolean other than `true`/`false` (`implicit: yes`), empty
    text, control characters or lone surrogates in text, a YAML tag other than the
    standard ones, a repeated key that is not an id, a thesis that is not a claim,
    and a `source.text_file` that is absolute, climbs out of the map's folder, is
    missing, is not a regular file, or is not UTF-8.

Why it matters
    A misspelt key (`suports:`) would otherwise drop a relation without a word.

Example
    ```yaml
    claims:
      t:
        text: The thesis
        suports: other
    ```

How to fix
    Use the keys and types listed in `docs/format.md`; keys starting with `x-` are
    free for your own extensions.
"""

CODE = "AM002"
NAME = "schema"
SEVERITY = "error"
STRUCTURAL = True
