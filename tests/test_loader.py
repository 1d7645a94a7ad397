"""The loader: YAML -> model, and the problems it reports itself (AM001, AM002, AM003).

Every map here is small and inline; the thesis is `t`, defined on line 5, column 3.
"""

from __future__ import annotations

import os

import pytest

from argmap.checker import CheckConfig, check_file
from argmap.loader import load_bytes, load_map
from argmap.model import Position
from conftest import MAP_HEAD, REPO, call_with_timeout, message, unblock_fifo, write_map

CLEAN = MAP_HEAD + "claims:\n  t: {text: The thesis, implicit: true}\n"


def test_clean_map_has_no_problems(check):
    check(CLEAN)


# -- AM001 invalid-yaml ------------------------------------------------------------------


def test_am001_not_utf8_at_first_bad_byte(check):
    # line 2 is `title: "café \xff"`: the bad byte is the 14th character, at byte offset 24
    data = b'argmap: 1\ntitle: "caf\xc3\xa9 \xff"\n'
    result = check(data, problem1=("AM001", 2, 14))
    text = message(result, "AM001")
    assert "offset 24" in text and "0xff" in text


def test_am001_utf8_is_accepted(check):
    check(CLEAN.replace("The thesis", "Café — “quoted” 北京"))


def test_am001_invalid_yaml_syntax(check):
    result = check("argmap: 1\n  title: T\n", problem1=("AM001", 2, 8))
    assert message(result, "AM001").startswith("Invalid YAML")


def test_am001_raw_control_character_in_the_stream(check):
    check(b"argmap: 1\ntitle: a\x07b\n", problem1=("AM001", 2, 9))


def test_am001_two_documents(check):
    check("argmap: 1\ntitle: T\n---\nargmap: 1\n", problem1=("AM001", 3, 1))


def test_am001_document_end_marker_alone_is_one_document(check):
    check(CLEAN + "...\n")


@pytest.mark.parametrize("source", ["", "\n\n", "# only a comment\n"])
def test_am001_empty_file(check, source):
    result = check(source, problem1=("AM001", 1, 1))
    assert "empty" in message(result, "AM001")


def test_am001_top_level_list(check):
    result = check("# a list\n- argmap: 1\n- title: T\n", problem1=("AM001", 2, 1))
    assert "list" in message(result, "AM001")


def test_am001_top_level_scalar(check):
    check("just some text\n", problem1=("AM001", 1, 1))


def test_am001_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = call_with_timeout(lambda: check_file(fifo), 10, unblock_fifo(fifo))
    assert [(p.code, p.line, p.column) for p in result.problems] == [("AM001", 1, 1)], result.problems


def test_am001_folder_named_as_a_file(tmp_path):
    folder = tmp_path / "looks-like-a-map.yaml"
    folder.mkdir()
    result = check_file(folder)
    assert [(p.code, p.line, p.column) for p in result.problems] == [("AM001", 1, 1)]
    assert "folder" in result.problems[0].message


def test_am001_missing_file_is_a_problem_not_an_exception(tmp_path):
    result = check_file(tmp_path / "gone.yaml")
    assert [p.code for p in result.problems] == ["AM001"]


# -- AM002 schema: required keys, unknown keys, types -------------------------------------


def test_am002_missing_top_level_key_at_the_mapping(check):
    result = check("""
        # no thesis
        argmap: 1
        title: T
        claims:
          t: {text: The thesis, implicit: true}
        """, problem1=("AM002", 2, 1))
    assert "`thesis`" in message(result, "AM002")


def test_am002_missing_text_at_the_statement_mapping(check):
    result = check(MAP_HEAD + "claims:\n  t:\n    by: critics\n    implicit: true\n",
                   select="AM002", problem1=("AM002", 6, 5))
    assert "`text`" in message(result, "AM002")


def test_am002_missing_text_in_flow_mapping(check):
    check(MAP_HEAD + "claims:\n  t: {by: critics, implicit: true}\n",
          select="AM002", problem1=("AM002", 5, 6))


def test_am002_argument_missing_conclusion(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, implicit: true}
arguments:
  x: {premises: [a]}
""", select="AM002", problem1=("AM002", 8, 6))


def test_am002_argument_with_no_premises(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
arguments:
  x: {premises: [], conclusion: t}
""", select="AM002", problem1=("AM002", 7, 17))


def test_am002_unknown_key_with_did_you_mean(check):
    result = check(MAP_HEAD + "claims:\n  t: {text: T, suports: t, implicit: true}\n",
                   problem1=("AM002", 5, 16))
    text = message(result, "AM002")
    assert "`suports`" in text and "did you mean `supports`" in text


def test_am002_unknown_top_level_key_with_did_you_mean(check):
    result = check("argmap: 1\ntitel: T\nthesis: t\nclaims:\n  t: {text: T, implicit: true}\n",
                   problem1=("AM002", 1, 1), problem2=("AM002", 2, 1))
    messages = [p.message for p in result.problems]
    assert any("did you mean `title`" in m for m in messages), messages
    assert any("`title`" in m and "lacks" in m for m in messages), messages


def test_am002_x_keys_are_free_extensions(check):
    check(MAP_HEAD + """x-audience: teachers
claims:
  t: {text: T, implicit: true, x-colour: red}
  a: {text: A, implicit: true, x-weight: [1, 2]}
arguments:
  x: {premises: [a], conclusion: t, x-note: {any: thing}}
""")


def test_am002_implicit_yes_is_not_a_boolean(check):
    result = check(MAP_HEAD + "claims:\n  t: {text: T, implicit: yes}\n", select="AM002",
                   problem1=("AM002", 5, 26))
    assert "`yes`" in message(result, "AM002")


@pytest.mark.parametrize("value", ["true", "false", "True", "FALSE"])
def test_am002_implicit_core_schema_booleans_accepted(check, value):
    check(MAP_HEAD + f"claims:\n  t: {{text: T, implicit: {value}}}\n", select="AM002")


def test_am002_control_character_in_text(check):
    result = check(MAP_HEAD + 'claims:\n  t: {text: "bell \\a", implicit: true}\n',
                   problem1=("AM002", 5, 13))
    assert "U+0007" in message(result, "AM002")


def test_am002_control_character_in_a_tag(check):
    check(MAP_HEAD + 'claims:\n  t: {text: T, implicit: true, tags: [ok, "esc \\e[31m"]}\n',
          problem1=("AM002", 5, 43))


def test_am002_tab_and_newline_in_text_are_allowed(check):
    result = check(MAP_HEAD + 'claims:\n  t: {text: "tab\\there\\nnext line", implicit: true}\n')
    assert result.context.model.statements["t"].text == "tab\there\nnext line"


def test_am002_unsupported_version_stops_the_map(check):
    # the unknown reference on line 6 is not reported: a version-2 map is not read further
    result = check("argmap: 2\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n  a: {text: A, supports: nowhere}\n",
                   problem1=("AM002", 1, 9))
    assert "version" in message(result, "AM002")


@pytest.mark.parametrize("version", ['"1"', "1.0", "[1]", "one"])
def test_am002_version_must_be_the_integer_1(check, version):
    check(CLEAN.replace("argmap: 1", f"argmap: {version}"), problem1=("AM002", 1, 9))


def test_am002_wrong_types(check):
    check(MAP_HEAD.replace("title: T", "title: [a, b]") + """claims:
  t: {text: T, implicit: true, tags: one}
  a: {text: [A], supports: {t: t}, implicit: true}
  b: just text
evidence: [e]
""", select="AM002",
          problem1=("AM002", 2, 8),    # title is a list
          problem2=("AM002", 5, 38),   # tags is not a list
          problem3=("AM002", 6, 13),   # text is a list
          problem4=("AM002", 6, 28),   # supports is a mapping
          problem5=("AM002", 7, 6),    # a statement that is not a mapping
          problem6=("AM002", 8, 11))   # a section that is a list


def test_am002_empty_text(check):
    check(MAP_HEAD + 'claims:\n  t: {text: "  ", implicit: true}\n', problem1=("AM002", 5, 13))


@pytest.mark.parametrize("bad_id", ["_a", "bad id", "-a", "é", "a.b"])
def test_am002_invalid_id(check, bad_id):
    result = check(MAP_HEAD + f'claims:\n  t: {{text: T, implicit: true}}\n  "{bad_id}": {{text: A, supports: t, implicit: true}}\n',
                   problem1=("AM002", 6, 3))
    assert "Invalid id" in message(result, "AM002")


def test_am002_valid_ids(check):
    check(MAP_HEAD + "claims:\n  t: {text: T, implicit: true}\n  9a-b_C: {text: A, supports: t, implicit: true}\n")


def test_am002_thesis_is_a_counterclaim(check):
    result = check(MAP_HEAD + """claims:
  a: {text: A, implicit: true, attacks: t}
counterclaims:
  t: {text: T, implicit: true, supports: a}
""", select="AM002", problem1=("AM002", 3, 9))
    assert "counterclaim" in message(result, "AM002")


def test_am002_thesis_is_an_argument(check):
    check(MAP_HEAD + """claims:
  a: {text: A, implicit: true}
  b: {text: B, implicit: true}
arguments:
  t: {premises: [a], conclusion: b}
""", select="AM002", problem1=("AM002", 3, 9))


def test_am002_python_tag_is_rejected_and_never_run(check, tmp_path):
    marker = tmp_path / "ran"
    check(MAP_HEAD + f"""claims:
  t: {{text: !!python/object/apply:os.system ["touch {marker}"], implicit: true}}
  a: {{text: !!python/object:os.system echo, supports: t, implicit: true}}
""", select="AM002", problem1=("AM002", 5, 13), problem2=("AM002", 6, 13))
    assert not marker.exists()


def test_am002_python_tag_on_a_mapping_is_one_problem_naming_the_tag(check):
    # one problem at the tagged node, saying what is wrong: the tag (not "must be a mapping, not a mapping")
    result = check(MAP_HEAD + """source: !!python/object:argmap.model.Source {title: x}
claims:
  t: {text: T, implicit: true}
""", problem1=("AM002", 4, 9))
    assert "python/object" in message(result, "AM002")


def test_am002_standard_tags_are_accepted(check):
    result = check(MAP_HEAD + "claims:\n  t: {text: !!str 010, implicit: !!bool true}\n")
    assert result.context.model.statements["t"].text == "010"


def test_am002_source_on_a_claim(check):
    result = check(MAP_HEAD + "claims:\n  t: {text: T, source: S, implicit: true}\n", problem1=("AM002", 5, 16))
    assert "only allowed on evidence" in message(result, "AM002")


def test_am002_source_and_quote_on_evidence(check):
    check(MAP_HEAD + "claims:\n  t: {text: T, implicit: true}\nevidence:\n"
          "  e: {text: E, source: S, quote: words, supports: t}\n")


def test_am002_duplicate_non_id_key(check):
    result = check(MAP_HEAD + "claims:\n  t:\n    text: First\n    implicit: true\n    text: Second\n",
                   problem1=("AM002", 8, 5))
    assert "`text`" in message(result, "AM002")
    assert result.context.model.statements["t"].text == "First"


def test_am002_duplicate_top_level_key(check):
    check(CLEAN + "title: Again\n", problem1=("AM002", 6, 1))


# -- AM002 source.text_file ----------------------------------------------------------------

TEXT_FILE_MAP = MAP_HEAD + "source: {{text_file: {}}}\nclaims:\n  t: {{text: T, implicit: true}}\n"


def test_text_file_inside_the_folder_is_read(check):
    result = check(TEXT_FILE_MAP.format("texts/op-ed.txt"), files={"texts/op-ed.txt": "The whole text.\n"})
    assert result.context.model.source.text == "The whole text.\n"


def test_text_file_symlink_inside_the_folder_is_read(check, tmp_path):
    write_map(tmp_path, "Inside.\n", "real.txt")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real.txt")
    result = check(TEXT_FILE_MAP.format("alias.txt"))
    assert result.context.model.source.text == "Inside.\n"


@pytest.mark.parametrize("name, words", [
    ("/etc/hostname", "relative"),
    ("../outside.txt", ".."),
    ("sub/../../outside.txt", ".."),
    ("missing.txt", "does not exist"),
    (".", "not a regular file"),
])
def test_text_file_bad(check, tmp_path, name, words):
    (tmp_path.parent / "outside.txt").write_text("outside\n")
    result = check(TEXT_FILE_MAP.format(name), problem1=("AM002", 4, 21))
    assert words in message(result, "AM002")


def test_text_file_symlink_pointing_outside(tmp_path, check):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n")
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "op-ed.txt").symlink_to(outside)
    result = check(TEXT_FILE_MAP.format("op-ed.txt"), name="maps/map.yaml", problem1=("AM002", 4, 21))
    assert "outside" in message(result, "AM002")
    assert result.context.model.source.text is None


def test_text_file_not_utf8(check):
    result = check(TEXT_FILE_MAP.format("latin1.txt"), files={"latin1.txt": "caf\xe9\n".encode("latin-1")},
                   problem1=("AM002", 4, 21))
    assert "UTF-8" in message(result, "AM002")


# -- AM003 duplicate-id --------------------------------------------------------------------


def test_am003_duplicate_key_in_a_section(check):
    result = check(MAP_HEAD + "claims:\n  t: {text: First, implicit: true}\n  t: {text: Second, implicit: true}\n",
                   problem1=("AM003", 6, 3))
    assert "line 5" in message(result, "AM003")
    assert result.context.model.statements["t"].text == "First"


def test_am003_duplicate_across_sections(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, supports: t, implicit: true}
evidence:
  a: {text: Another, source: S, supports: t}
arguments:
  t: {premises: [a], conclusion: t}
""", problem1=("AM003", 8, 3), problem2=("AM003", 10, 3))


def test_am003_second_in_file_order_when_arguments_come_first(check):
    result = check(MAP_HEAD + """arguments:
  a: {premises: [t], conclusion: t}
claims:
  t: {text: T, implicit: true}
  a: {text: A, implicit: true, supports: t}
""", select="AM003", problem1=("AM003", 8, 3))
    assert "line 5" in message(result, "AM003")


def test_am003_distinct_ids(check):
    check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a: {text: A, supports: t, implicit: true}
evidence:
  b: {text: B, source: S, supports: t}
arguments:
  c: {premises: [a, b], conclusion: t}
""")


# -- ids and text as written, BOM, positions in the model ----------------------------------


def test_yaml11_words_and_octal_are_ids(check):
    result = check("""
        argmap: 1
        title: T
        thesis: no
        claims:
          no: {text: The thesis, implicit: true}
          on: {text: A reason, supports: no}
          true: {text: Another reason, supports: [no, on]}
        evidence:
          010: {text: Some evidence, source: S, supports: [true, on]}
        arguments:
          off: {premises: [010, true], conclusion: no}
        """)
    model = result.context.model
    assert list(model.statements) == ["no", "on", "true", "010"]
    assert model.thesis.id == "no"
    assert [ref.id for ref in model.statements["true"].supports] == ["no", "on"]
    assert [ref.id for ref in model.statements["010"].supports] == ["true", "on"]
    assert [ref.id for ref in model.arguments["off"].premises] == ["010", "true"]
    assert model.arguments["off"].conclusion.id == "no"


def test_dates_and_numbers_stay_text(check):
    result = check(MAP_HEAD + """source: {date: 2025-09-03, title: 1.10}
claims:
  t: {text: 2025-09-03, implicit: true, tags: [1.0, 0x1F, null-ish]}
""")
    model = result.context.model
    assert model.source.date == "2025-09-03"
    assert model.source.title == "1.10"
    assert model.statements["t"].text == "2025-09-03"
    assert model.statements["t"].tags == ["1.0", "0x1F", "null-ish"]


def test_utf8_bom_is_accepted(check):
    result = check(b"\xef\xbb\xbf" + CLEAN.encode())
    assert result.context.model.statements["t"].pos == Position(5, 3)


def test_model_keeps_positions(tmp_path):
    path = write_map(tmp_path, MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  a:
    text: A
    supports: [t]
evidence:
  e: {text: E, source: S, quote: "words", supports: a}
arguments:
  x: {premises: [a, e], conclusion: t}
""")
    loaded = load_map(path)
    assert loaded.issues == []
    model = loaded.model
    assert model.thesis.pos == Position(3, 9)
    assert model.statements["a"].pos == Position(6, 3)
    assert model.statements["a"].supports[0].pos == Position(8, 16)
    assert model.statements["e"].quote_pos == Position(10, 34)
    assert model.arguments["x"].pos == Position(12, 3)
    assert [r.pos for r in model.arguments["x"].premises] == [Position(12, 18), Position(12, 21)]
    assert model.arguments["x"].conclusion.pos == Position(12, 37)
    assert [s.kind for s in model.statements.values()] == ["claim", "claim", "evidence"]


def test_load_bytes_without_a_folder_reports_text_file(tmp_path):
    loaded = load_bytes(TEXT_FILE_MAP.format("x.txt").encode(), "<stdin>")
    assert [(i.code, i.pos) for i in loaded.issues] == [("AM002", Position(4, 21))]


def test_no_check_config_hides_a_structural_problem(tmp_path):
    path = write_map(tmp_path, MAP_HEAD + 'claims:\n  t: {text: "\\a", implicit: true}\n')
    assert [p.code for p in check_file(path).problems] == ["AM002"]
    for config in (CheckConfig(ignore={"AM002"}), CheckConfig(select={"AM101"}),
                   CheckConfig(severity={"AM002": "off"}), CheckConfig(severity={"AM002": "warning"})):
        assert [(p.code, p.severity) for p in check_file(path, config).problems] == [("AM002", "error")]


def test_every_reference_is_the_defined_id_itself():
    """One string object per id: the graph's dictionaries then compare ids by identity."""
    from argmap.loader import load_map

    model = load_map(REPO / "arguments" / "beijing-parade.yaml").model
    checked = 0
    for stmt in model.statements.values():
        for ref in (*stmt.supports, *stmt.attacks, *stmt.contradicts):
            defined = next(key for key in model.statements if key == ref.id)
            assert ref.id is defined, ref
            checked += 1
    assert checked > 20


def test_an_empty_reference_is_am002_not_an_unknown_id(check):
    result = check(MAP_HEAD + """claims:
  t: {text: T, implicit: true}
  b: {text: B, implicit: true, supports: "", attacks: [t, " "]}
arguments:
  x: {premises: [""], conclusion: t}
""", select="AM002,AM004", problem1=("AM002", 6, 42), problem2=("AM002", 6, 59), problem3=("AM002", 8, 18))
    assert all("empty id" in p.message and "did you mean" not in p.message for p in result.problems)


@pytest.mark.parametrize("written, accepted", [
    ("1", True), ("+1", True), ("01", True), ("0x1", True), ("0X1", False), ("0o1", True), ("0x01", True),
    ("2", False), ("0x2", False), ("-1", False), ('"1"', False), ("1.0", False), ("0b1", False),
])
def test_the_version_is_read_as_yaml_1_2_reads_integers(tmp_path, written, accepted):
    path = write_map(tmp_path, f"argmap: {written}\ntitle: T\nthesis: t\nclaims:\n  t: {{text: T, implicit: true}}\n")
    codes = [p.code for p in check_file(path).problems]
    assert codes == ([] if accepted else ["AM002"]), (written, codes)


def test_node_budget_counts_nodes_not_marks_inside_texts(monkeypatch):
    """Marks inside quoted texts push the byte bound over the budget; the nodes themselves do not."""
    from argmap import loader

    monkeypatch.setattr(loader, "MAX_NODES", 200)
    text = ", ".join(["a: b"] * 150)  # 300 marks inside one quoted text, a handful of nodes
    data = f'{MAP_HEAD}claims:\n  t: {{text: "{text}", implicit: true}}\n'.encode()
    loaded = load_bytes(data, "m.yaml")
    assert loaded.model is not None and loaded.issues == []
    flow = ", ".join(["a"] * 250)  # 250 real nodes: over the budget, found where it runs out
    loaded = load_bytes(f"{MAP_HEAD}claims:\n  t: {{text: x, implicit: true, tags: [{flow}]}}\n".encode(), "m.yaml")
    assert loaded.model is None
    assert [issue.message for issue in loaded.issues] == ["The file holds more than 200 YAML nodes"]


@pytest.mark.parametrize("entries, refused", [(90, False), (150, True)])  # 18 + 2 × entries nodes
def test_node_budget_counted_while_composing(monkeypatch, entries, refused):
    """A file with fewer marks than the budget but more nodes (a flow mapping of keys without values brings a
    null for each) is composed while its nodes are counted down, and refused where the budget runs out."""
    from argmap import loader

    monkeypatch.setattr(loader, "MAX_NODES", 200)
    keys = ", ".join(f"k{i}" for i in range(entries))
    data = f"{MAP_HEAD}x-set: {{{keys}}}\nclaims:\n  t: {{text: x, implicit: true}}\n".encode()
    composed: list[int | None] = []
    real = loader._compose_within
    monkeypatch.setattr(loader, "_compose_within", lambda text, budget: composed.append(budget) or real(text, budget))
    loaded = load_bytes(data, "m.yaml")
    assert composed[0] is not None and composed[0] <= 200  # composed once, with the budget
    if refused:
        assert loaded.model is None and [i.code for i in loaded.issues] == ["AM001"]
        assert loaded.issues[0].message == "The file holds more than 200 YAML nodes"
        assert loaded.issues[0].pos.line == MAP_HEAD.count("\n") + 1  # on the line of the set
    else:
        assert loaded.model is not None and loaded.issues == [] and composed == [200]
