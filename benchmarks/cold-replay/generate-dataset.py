#!/usr/bin/env python3
"""Writes the dataset benchmark's inputs: 1,000 cases (src/test/resources/datasets/questions.jsonl) and their
hand-written fixture (src/test/resources/llm-fixtures/bench.ReplayedDatasetTest/asks.json), one recording per case
with the case's id in its request, as llmtest records a dataset. Deterministic: run it again to get the same files."""
import json
import os

CASES = 1000
here = os.path.dirname(os.path.abspath(__file__))
resources = os.path.join(here, "src", "test", "resources")

with open(os.path.join(resources, "datasets", "questions.jsonl"), "w", encoding="utf-8") as out:
    for n in range(CASES):
        out.write(json.dumps({"id": f"c{n}", "question": f"question {n}", "answer": str(n)}) + "\n")

interactions = []
for n in range(CASES):
    interactions.append({
        "origin": "hand-written",
        "recorded_at": "2026-12-02T06:00:00Z",
        "request": {
            "endpoint": "/api/chat",
            "model": "phi4",
            "messages": [{"role": "user", "content": f"question {n}"}],
            "options": {"num_ctx": 4096, "seed": 42, "temperature": 0},
            "case": f"c{n}",
            "occurrence": 0,
        },
        "response": {"text": f"Step by step, the answer to question {n} is \\boxed{{{n}}}.", "done_reason": "stop"},
        "metrics": {"total_duration": 4200000000, "load_duration": 14000000, "prompt_eval_count": 23,
                    "prompt_eval_duration": 60000000, "eval_count": 120, "eval_duration": 3900000000},
        "client": {"wall_time_ms": 4210.5, "first_token_ms": 180.2},
    })
fixture = {"llmtest_fixture_version": 1, "test": "bench.ReplayedDatasetTest#asks", "interactions": interactions}
with open(os.path.join(resources, "llm-fixtures", "bench.ReplayedDatasetTest", "asks.json"), "w",
          encoding="utf-8") as out:
    out.write(json.dumps(fixture, indent=2) + "\n")
