"""Shared constants and small helpers for the triage training pipeline.

Everything here is deliberately dependency-free (stdlib only) so that the
dataset and tokenizer steps run without torch.
"""
from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

MODELS = Path(__file__).resolve().parent          # <repo>/models
PROJECT = MODELS.parent                             # <repo>
DATA = MODELS / "data"
RAW = DATA / "raw"
ART = MODELS / "artifacts"                          # checkpoints, intermediate files (not shipped)
EVAL = MODELS / "eval"
OUT = PROJECT / "public" / "models" / "triage-v1"   # what the extension loads

# Label contract of docs/labels.md / lib/triage/labels.ts (order matters).
URGENCIES = ["emergency", "urgent", "routine"]
CATEGORIES = ["symptom", "medication", "results", "scheduling", "administrative", "acknowledgement"]
U2I = {u: i for i, u in enumerate(URGENCIES)}
C2I = {c: i for i, c in enumerate(CATEGORIES)}

SEED = 20260303
MAX_LEN = 512
VERSION = "triage-v1"


def rng(tag: str) -> random.Random:
    """A deterministic RNG per pipeline step (independent of call order elsewhere)."""
    return random.Random(f"{SEED}:{tag}")


def message_text(row: dict) -> str:
    """Model input for a message: subject and body on separate lines.

    The extension must build its input the same way (see triage.json "input").
    """
    subject = (row.get("subject") or "").strip()
    body = (row.get("body") or "").strip()
    return f"{subject}\n{body}" if subject else body


_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(s: str) -> str:
    """Light normalisation for stored data: NFC, no control chars, tidy spaces."""
    s = unicodedata.normalize("NFC", s or "")
    s = "".join(ch for ch in s if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_WS.sub(" ", ln).strip() for ln in s.split("\n")]
    s = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", s).strip()


def read_jsonl(path: Path) -> tuple[list[dict], list[str]]:
    """Rows of a JSONL file plus a list of problems (bad JSON, e.g. a truncated last line)."""
    rows, problems = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"{path.name}:{n}: invalid JSON ({e.msg})")
                continue
            if not isinstance(obj, dict):
                problems.append(f"{path.name}:{n}: not an object")
                continue
            obj["_src"] = f"{path.name}:{n}"
            rows.append(obj)
    return rows, problems


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def load_split(name: str) -> list[dict]:
    if not (DATA / f"{name}.jsonl").exists():  # train.jsonl is generated, not committed
        raise SystemExit(f"{DATA / name}.jsonl is missing: run /usr/bin/python3 models/build_dataset.py first "
                         f"(npm run train does)")
    rows, problems = read_jsonl(DATA / f"{name}.jsonl")
    if problems:
        raise SystemExit(f"{name}.jsonl is corrupt: {problems[:3]}")
    return rows


def write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
