"""The maps shown in the documentation are real maps: they load without errors."""

from __future__ import annotations

import re

import pytest

from argmap.checker import check_file
from argmap.problems import ERROR
from conftest import REPO


def yaml_blocks(path):
    return re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def test_the_annotated_example_in_format_md_is_a_clean_map(tmp_path):
    example = yaml_blocks(REPO / "docs" / "format.md")[0]
    (tmp_path / "picnic.txt").write_text("Thunderstorms likely on Saturday afternoon; chance of rain 80%.\n",
                                         encoding="utf-8")
    (tmp_path / "map.yaml").write_text(example, encoding="utf-8")
    problems = check_file(tmp_path / "map.yaml").problems
    assert not [p for p in problems if p.severity == ERROR], "\n".join(map(str, problems))
    assert "AM107" not in {p.code for p in problems}  # its quote is in its text_file


def test_the_format_md_example_uses_every_key_the_loader_knows():
    from argmap.loader import ARGUMENT_KEYS, EVIDENCE_KEYS, SOURCE_KEYS, TOP_KEYS

    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    for key in {*TOP_KEYS, *EVIDENCE_KEYS, *ARGUMENT_KEYS, *SOURCE_KEYS}:
        assert f"`{key}`" in text or f"{key}:" in text, f"docs/format.md does not mention `{key}`"


@pytest.mark.parametrize("doc", ["README.md"])
def test_the_maps_in_the_readme_have_no_errors(tmp_path, doc):
    for index, block in enumerate(yaml_blocks(REPO / doc)):
        path = tmp_path / f"block{index}.yaml"
        path.write_text(block, encoding="utf-8")
        problems = check_file(path).problems
        assert not [p for p in problems if p.severity == ERROR], "\n".join(map(str, problems))
