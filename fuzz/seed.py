#!/usr/bin/env python3
"""Writes the fuzz seed corpus from tests/vectors: every request body, and every case."""
import json, pathlib
root = pathlib.Path(__file__).resolve().parent
corpus = root / "corpus"
for target in ["create_card", "request_bodies", "vector_case", "operations"]:
    (corpus / target).mkdir(parents=True, exist_ok=True)
count = 0
for path in sorted((root.parent / "tests" / "vectors").glob("*.json")):
    for index, case in enumerate(json.loads(path.read_text())):
        name = f"{path.stem}-{index}"
        body = case["when"].get("body")
        if body is not None:
            target = "create_card" if case["when"]["operation"] == "post-v2-card" else "request_bodies"
            (corpus / target / name).write_text(json.dumps(body))
        (corpus / "vector_case" / name).write_text(json.dumps(case))
        (corpus / "operations" / name).write_bytes(bytes(index % 256 for index in range(index, index + 40)))
        count += 1
print(f"{count} cases seeded into {corpus}")
