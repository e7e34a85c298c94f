"""Coverage-guided fuzzing of chronik's input side with atheris (not a test; needs `pip install atheris`).

    python tools/fuzz.py TARGET [-max_total_time=300] [other libFuzzer flags]

Targets: decode (bytes → text), readers (bytes as a .txt/.jsonl/.csv/.html/.rss file), segment (the
segmenter), dates (lenient dates), pipeline (the whole German pipeline on short texts). Any exception
other than chronik's own InputError is a finding; libFuzzer writes the input that caused it to
crash-<hash> in the working folder.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path
from typing import Any

import atheris

with atheris.instrument_imports():
    from chronik import Pipeline
    from chronik.errors import InputError
    from chronik.io.readers import Problem, decode, lenient_date
    from chronik.io.sources import read_sources
    from chronik.text.segment import Segmenter

SUFFIXES = (".txt", ".jsonl", ".csv", ".html", ".rss")


def make_target(name: str) -> Any:
    if name == "decode":
        def decode_one(data: bytes) -> None:
            with contextlib.suppress(InputError):
                decode(data, "fuzz")
        return decode_one
    if name == "readers":
        folder = Path(tempfile.mkdtemp(prefix="chronik-fuzz-"))

        def read_one(data: bytes) -> None:
            f = folder / f"input{SUFFIXES[data[0] % len(SUFFIXES)] if data else '.txt'}"
            f.write_bytes(data[1:])
            problems: list[Problem] = []
            for _ in read_sources([str(f)], problems=problems):
                pass
        return read_one
    if name == "segment":
        seg = Segmenter(["Dr", "z.B", "Nr"], ["'s", "n't"])

        def segment_one(data: bytes) -> None:
            text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(4096)
            tokens = seg.tokenize(text)
            seg.split(text, tokens)
            assert all(text[t.start:t.end] == t.text for t in tokens)
        return segment_one
    if name == "dates":
        def date_one(data: bytes) -> None:
            lenient_date(atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(64))
        return date_one
    if name == "pipeline":
        nlp = Pipeline("de")

        def code_one(data: bytes) -> None:
            text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(2000)
            doc = nlp(text, date="2015-03-05")
            assert all(text[t.start:t.end] == t.text for t in doc.tokens)
        return code_one
    raise SystemExit(f"unknown target {name!r}; choose decode, readers, segment, dates, pipeline")


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    target = make_target(sys.argv[1])
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
