"""The library API: chronik.code, the pipeline's components and registry, errors with codes and hints."""

from __future__ import annotations

from pathlib import Path

import pytest

import chronik
from chronik import ConfigError, DataFileError, Document, Pipeline
from chronik.events.patterns import PatternSet
from chronik.pipeline import DEFAULT_COMPONENTS, components


def test_pipeline_code_function_returns_events() -> None:
    events = chronik.code("Die Polizei nahm am Montag in Istanbul zwölf Demonstranten fest.", date="2024-05-08")
    assert [(e.source.actor.code, e.cameo[:2], e.target.actor.code if e.target else None) for e in events] == [
        ("TURCOP", "17", "TUROPP")]
    ev = events[0]
    assert ev.date is not None and ev.date.isoformat() == "2024-05-06"
    assert ev.location is not None and ev.location.country == "TUR"
    assert ev.rule.startswith("de.17.festnehmen")


def test_pipeline_pipe_codes_many_documents(nlp: Pipeline) -> None:
    docs = [Document(text="Russland griff die Ukraine an.", doc_id=str(i)) for i in range(3)]
    out = list(nlp.pipe(docs))
    assert [d.doc_id for d in out] == ["0", "1", "2"]
    assert all(d.events for d in out)


def test_pipeline_components_declare_inputs(nlp: Pipeline) -> None:
    report = nlp.analyze()
    assert [name for name, _, _ in report] == list(DEFAULT_COMPONENTS)


def test_pipeline_missing_requirement_is_reported() -> None:
    with pytest.raises(ConfigError) as err:
        Pipeline("de", components_=("segmenter", "events"))
    assert "needs" in str(err.value) and err.value.hint


def test_pipeline_unknown_component_lists_known_ones() -> None:
    with pytest.raises(ConfigError) as err:
        components.get("parser")
    assert "segmenter" in str(err.value)


def test_pipeline_unknown_language() -> None:
    with pytest.raises(ConfigError) as err:
        Pipeline("xx")
    assert err.value.code == "E301"


def test_pipeline_registered_component_can_be_added(nlp: Pipeline) -> None:
    @components.register("test.marker")
    def _marker(res: object, cfg: dict[str, object]) -> object:
        class Marker:
            name = "marker"
            requires = ("doc.events",)
            assigns = ("doc.meta",)

            def __call__(self, doc: Document) -> Document:
                doc.meta["events"] = len(doc.events)
                return doc

        return Marker()

    p = Pipeline("de", components_=(*DEFAULT_COMPONENTS, "test.marker"))
    assert p("Russland griff die Ukraine an.").meta["events"] == 1


def test_pipeline_negated_and_hypothetical_modes(nlp_all_modes: Pipeline) -> None:
    doc = nlp_all_modes("Kerry dementierte die Berichte nicht. Die EU könnte Sanktionen gegen Russland verhängen.",
                        date="2016-07-14")
    modes = {e.trigger.text: e.mode for e in doc.events}
    assert modes.get("dementierte") == "negated"
    assert modes.get("verhängen") == "hypothetical"


def test_pipeline_user_patterns_layer(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text('patterns:\n  - {id: my.04.plaudern, verb: plaudern, cameo: "040", target: [mit]}\n',
                    encoding="utf-8")
    nlp = Pipeline("de", pattern_files=[user])
    events = nlp("Merkel plauderte mit Macron.", date="2019-01-01").events
    assert [(e.cameo, e.rule.split()[0]) for e in events] == [("040", "my.04.plaudern")]


def test_pipeline_bad_pattern_file_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('patterns:\n  - {id: ok.1, verb: a, cameo: "040"}\n  - {id: bad.2, verb: b, cameo: "4x"}\n',
                   encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        PatternSet.load("de", [bad])
    assert f"{bad}:3" in str(err.value)
    assert err.value.hint
