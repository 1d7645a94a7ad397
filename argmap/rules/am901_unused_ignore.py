"""An `ignore` entry on a statement that silences nothing.

What it finds
    A rule named in a statement's `ignore:` list that reported no problem about that
    statement in this run. It is checked only for rules that ran: a rule turned off by
    `--select`, `--ignore` or the configuration, or one that needs a map without
    errors when the map has some, cannot show whether its entry is still needed.

Why it matters
    An `ignore` outlives the problem it was written for: once the claim gains support
    or the evidence a source, the entry silences nothing today but would hide the
    next real problem of that kind without anyone noticing.

Example
    ```yaml
    claims:
      t:
        text: School uniforms should be compulsory
        ignore: [AM101]
      safety: {text: Uniforms make intruders easy to spot, supports: t}
    ```

How to fix
    Delete the entry (or the whole `ignore:` key) that the message names.
"""

CODE = "AM901"
NAME = "unused-ignore"
SEVERITY = "warning"
# No `check`: the engine reports this rule once every other rule has run, since only
# it knows which `ignore` entries silenced something.
