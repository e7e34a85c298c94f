"""Names the dictionary does not know, ranked by frequency: the to-do list of a dictionary editor.

``chronik actors unknown CORPUS.jsonl`` runs the pipeline up to coreference over a corpus and collects
every person or organisation the name tagger found that no dictionary entry resolved, with how often
and in how many documents it occurs, what the text said of it (the code the context gave, if any) and
example sentences. ``to_yaml`` turns the list into a user actor file to review and extend.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from chronik.model import Document
from chronik.text.normalize import norm

UNKNOWN_SOURCE = "unknown name"  # Actor.source of mentions made from names no dictionary knows


@dataclass(slots=True)
class UnknownName:
    text: str
    label: str  # PER | ORG | LOC
    count: int = 0
    docs: set[str] = field(default_factory=set)
    codes: Counter[str] = field(default_factory=Counter)  # codes the context gave it
    examples: list[str] = field(default_factory=list)

    def guess(self) -> str | None:
        """The code the text gave it most often, if any."""
        return self.codes.most_common(1)[0][0] if self.codes else None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.text, "label": self.label, "count": self.count, "documents": len(self.docs),
                "context_codes": dict(self.codes.most_common()), "examples": self.examples}


class UnknownNames:
    """Collects unknown names over many documents."""

    def __init__(self, examples: int = 2, known_place: Callable[[tuple[str, ...]], bool] | None = None) -> None:
        self.max_examples = examples
        self.known_place = known_place  # LOC names the gazetteer knows are not unknown
        self.items: dict[tuple[str, str], UnknownName] = {}

    def add(self, doc: Document) -> None:
        covered: set[int] = set()
        for m in doc.mentions:
            covered.update(range(m.tok_start, m.tok_end))
            if m.actor.source.startswith(UNKNOWN_SOURCE) and m.actor.name:
                label = "ORG" if m.actor.kind == "organisation" else "PER"
                said = "context-country" not in m.actor.source  # the code came from the words around it
                self._count(doc, m.actor.name, label, m.sent, m.actor.code if said else None)
        for p in doc.places:
            covered.update(range(p.tok_start, p.tok_start + max(1, len(p.text.split()))))
        for n in doc.names:
            if covered.intersection(range(n.tok_start, n.tok_end)):
                continue
            if n.label == "LOC" and self.known_place is not None and self.known_place(
                    tuple(t.norm for t in doc.tokens[n.tok_start:n.tok_end])):
                continue
            sent = doc.tokens[n.tok_start].sent
            self._count(doc, n.text, n.label, sent, None)

    def _count(self, doc: Document, text: str, label: str, sent: int, code: str | None) -> None:
        key = (norm(text), label)
        item = self.items.get(key)
        if item is None:
            item = self.items[key] = UnknownName(text, label)
        item.count += 1
        item.docs.add(doc.doc_id)
        if code:
            item.codes[code] += 1
        if len(item.examples) < self.max_examples and 0 <= sent < len(doc.sentences):
            s = doc.sentences[sent]
            example = " ".join(doc.text[s.start:s.end].split())
            if example not in item.examples:
                item.examples.append(example[:300])

    def ranked(self, min_count: int = 1, labels: Iterable[str] = ("PER", "ORG", "LOC")) -> list[UnknownName]:
        wanted = set(labels)
        out = [u for u in self.items.values() if u.count >= min_count and u.label in wanted]
        return sorted(out, key=lambda u: (-u.count, -len(u.docs), u.text))


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_yaml(names: Iterable[UnknownName]) -> str:
    """A user actor file (``--actors``) with one entry per name, to be checked and completed.

    People and organisations whose code the text gave get it; the others get ``XXX`` and are
    commented out, so the file loads as it is and nothing unchecked is coded."""
    people: list[str] = []
    orgs: list[str] = []
    for u in names:
        if u.label == "LOC":
            continue
        code = u.guess()
        seen = f"# seen {u.count}× in {len(u.docs)} document(s); e.g. {u.examples[0][:150] if u.examples else ''}"
        if u.label == "PER":
            entry = [f"- name: {_q(u.text)}", f"  roles: [{{code: {code or 'XXX'}}}]"]
            target = people
        else:
            entry = [f"- code: {code or 'XXX'}", f"  names: [{_q(u.text)}]"]
            target = orgs
        if code is None:
            entry = ["# " + line for line in entry]
        target += [seen, *entry]
    out = ["# Names chronik found but no dictionary knows. Check each, fix or add its code, uncomment,",
           "# then use the file with: chronik code … --actors THIS_FILE"]
    for key, lines in (("people", people), ("organisations", orgs)):
        out.append(f"{key}:")
        out += ["  " + line for line in lines]
        if all(line.startswith("#") for line in lines):
            out.append("  []")
    return "\n".join(out) + "\n"
