"""Step 1: raw/*.jsonl -> data/{train,dev,test}.jsonl.

  load (skip + report invalid lines) -> normalise -> exact and near-duplicate
  removal -> stratified split (urgency x category) -> augment TRAIN only.

Usage: python3 models/build_dataset.py [--raw DIR] [--noise-copies N]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from augment import augment_train
from common import CATEGORIES, DATA, RAW, SEED, URGENCIES, U2I, clean_text, read_jsonl, rng, write_json, write_jsonl

TEST_FRAC, DEV_FRAC = 0.15, 0.10
NEAR_DUP_JACCARD = 0.9


def validate(row: dict) -> str | None:
    """Why a row is unusable, or None."""
    if not isinstance(row.get("id"), str) or not row["id"].strip():
        return "missing id"
    if not isinstance(row.get("body"), str) or not row["body"].strip():
        return "missing body"
    if not isinstance(row.get("subject", ""), (str, type(None))):
        return "subject not a string"
    if row.get("urgency") not in URGENCIES:
        return f"bad urgency {row.get('urgency')!r}"
    if row.get("category") not in CATEGORIES:
        return f"bad category {row.get('category')!r}"
    return None


def raw_files(raw_dir: Path) -> list[Path]:
    """The raw files to read. A writer marks a finished file `<name>.jsonl` with an empty
    `<name>.done` next to it. As soon as one marker exists, only marked files are read
    (an unmarked file is still being written); with no markers at all, every file is."""
    files = sorted(raw_dir.glob("*.jsonl"))
    done = {p.stem for p in raw_dir.glob("*.done")}
    if not done:
        return files
    skipped = [p.name for p in files if p.stem not in done]
    if skipped:
        print(f"not finished (no .done marker), skipped: {', '.join(skipped)}")
    return [p for p in files if p.stem in done]


def load_raw(raw_dir: Path) -> list[dict]:
    rows, problems, ids = [], [], Counter()
    files = raw_files(raw_dir)
    for path in files:
        got, bad = read_jsonl(path)
        problems += bad
        for r in got:
            why = validate(r)
            if why:
                problems.append(f"{r['_src']}: {why}")
                continue
            hc = r.get("hard_case")
            row = {
                "id": r["id"].strip(),
                "subject": clean_text(r.get("subject") or ""),
                "body": clean_text(r["body"]),
                "urgency": r["urgency"],
                "category": r["category"],
                "lang": (r.get("lang") or "en").strip().lower(),
                "hard_case": [str(x) for x in hc] if isinstance(hc, list) else [],
                "brief": str(r.get("brief") or ""),
            }
            ids[row["id"]] += 1
            if ids[row["id"]] > 1:  # keep ids unique across files
                row["id"] = f"{row['id']}#{ids[row['id']]}"
            rows.append(row)
    print(f"loaded {len(rows)} valid rows from {len(files)} files ({', '.join(p.name for p in files)}); "
          f"skipped {len(problems)} invalid lines")
    for p in problems[:20]:
        print("  skip", p)
    return rows


def _words(row: dict) -> list[str]:
    return re.findall(r"\w+", f"{row['subject']} {row['body']}".lower())


def _shingles(words: list[str], k: int = 3) -> set:
    if len(words) < k:
        return {tuple(words)}
    return {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}


def dedupe(rows: list[dict]) -> list[dict]:
    """Drop exact (normalised text) and near duplicates (3-shingle Jaccard >= 0.9).

    The first row of a duplicate group is kept; if the group's labels disagree,
    the kept row takes the most urgent urgency (safety first) and it is reported.
    """
    kept: list[dict] = []
    kept_sh: list[set] = []
    index: dict[tuple, list[int]] = defaultdict(list)   # shingle -> kept row numbers
    exact: dict[str, int] = {}
    n_exact = n_near = 0
    conflicts = []
    for row in rows:
        words = _words(row)
        key = " ".join(words)
        match = exact.get(key)
        if match is None:
            sh = _shingles(words)
            shared = Counter(j for s in sh for j in index.get(s, ()))
            for j, inter in shared.most_common():
                if inter / (len(sh) + len(kept_sh[j]) - inter) >= NEAR_DUP_JACCARD:
                    match = j
                    n_near += 1
                    break
        else:
            n_exact += 1
        if match is not None:
            k = kept[match]
            if (k["urgency"], k["category"]) != (row["urgency"], row["category"]):
                conflicts.append((k["id"], row["id"]))
                if U2I[row["urgency"]] < U2I[k["urgency"]]:
                    k["urgency"] = row["urgency"]
            continue
        exact[key] = len(kept)
        sh = _shingles(words)
        for s in sh:
            index[s].append(len(kept))
        kept.append(row)
        kept_sh.append(sh)
    print(f"dedupe: removed {n_exact} exact + {n_near} near duplicates; "
          f"{len(conflicts)} with conflicting labels {conflicts[:5]}")
    return kept


SPLIT_FILE = DATA / "split.json"
SPLITS = ("train", "dev", "test")


def hash_split(row_id: str) -> str:
    """Where a row never seen before goes: a stable function of its id alone (about 15% test, 10% dev)."""
    u = int.from_bytes(hashlib.sha256(f"{SEED}:split:{row_id}".encode()).digest()[:8], "big") / 2 ** 64
    return "test" if u < TEST_FRAC else "dev" if u < TEST_FRAC + DEV_FRAC else "train"


def split(rows: list[dict], split_file: Path | None = SPLIT_FILE) -> tuple[list[dict], list[dict], list[dict]]:
    """The split is frozen: `data/split.json` lists every row id ever split, by split, in file order. A
    row keeps its split for good (so a held-out message never moves into training when data is added),
    a new row goes where its id hashes to (appended), and a row no longer in the data is left out but
    stays listed (it returns to its split if it comes back). Without the file (the first run), a
    stratified random split is drawn and written."""
    if split_file is not None and split_file.exists():
        fixed = json.loads(split_file.read_text(encoding="utf-8"))
        by_id = {r["id"]: r for r in rows}
        out = {k: [by_id[i] for i in fixed.get(k, []) if i in by_id] for k in SPLITS}
        known = {i for k in SPLITS for i in fixed.get(k, [])}
        new = sorted((r for r in rows if r["id"] not in known), key=lambda r: r["id"])
        listed = {k: list(fixed.get(k, [])) for k in SPLITS}
        placed: Counter = Counter()
        for r in new:
            k = hash_split(r["id"])
            out[k].append(r)
            listed[k].append(r["id"])
            placed[k] += 1
        gone = len(known - set(by_id))
        print(f"split: frozen ({split_file.name}); {len(new)} new rows placed by id hash "
              f"({', '.join(f'{k} {placed[k]}' for k in SPLITS)}); {gone} ids no longer in the data")
    else:
        out = dict(zip(SPLITS, stratified_split(rows)))
        listed = {k: [r["id"] for r in out[k]] for k in SPLITS}
        print("split: first run, stratified random split drawn")
    if split_file is not None:
        write_json(split_file, listed)
    return out["train"], out["dev"], out["test"]


def stratified_split(rows: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """Deterministic stratified split by (urgency, category)."""
    strata: dict[tuple, list[dict]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: r["id"]):
        strata[(r["urgency"], r["category"])].append(r)
    r_ = rng("split")
    train, dev, test = [], [], []
    for key in sorted(strata):
        group = strata[key]
        r_.shuffle(group)
        n_test = round(len(group) * TEST_FRAC)
        n_dev = round(len(group) * DEV_FRAC)
        test += group[:n_test]
        dev += group[n_test:n_test + n_dev]
        train += group[n_test + n_dev:]
    return train, dev, test


def table(name: str, rows: list[dict]) -> None:
    c = Counter((r["urgency"], r["category"]) for r in rows)
    print(f"{name:>6}: {len(rows):5d} | " + "  ".join(
        f"{u}={sum(v for (uu, _), v in c.items() if uu == u)}" for u in URGENCIES) + " | " + "  ".join(
        f"{cat[:5]}={sum(v for (_, cc), v in c.items() if cc == cat)}" for cat in CATEGORIES))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", type=Path, default=RAW)
    ap.add_argument("--noise-copies", type=int, default=2)
    args = ap.parse_args()

    rows = dedupe(load_raw(args.raw))
    train, dev, test = split(rows)
    train_aug = augment_train(train, rng("augment"), n_noise=args.noise_copies)
    write_jsonl(DATA / "train.jsonl", train_aug)
    write_jsonl(DATA / "dev.jsonl", dev)
    write_jsonl(DATA / "test.jsonl", test)
    table("train0", train)
    table("train", train_aug)
    table("dev", dev)
    table("test", test)
    print("augmentations:", dict(Counter(r["aug"].split("-")[0] for r in train_aug)))
    def counts(rs: list[dict]) -> dict:
        return {"rows": len(rs), **{f: dict(sorted(Counter(r[f] for r in rs).items()))
                                    for f in ("urgency", "category", "lang")}}
    write_json(DATA / "stats.json", {
        "files": [p.name for p in raw_files(args.raw)],
        "unique_rows": len(rows), "train_orig": len(train), "train_augmented": len(train_aug),
        "dev": len(dev), "test": len(test),
        "splits": {"train_original": counts(train), "train_augmented": counts(train_aug),
                   "dev": counts(dev), "test": counts(test)},
        "hard_case": {name: dict(Counter(h for r in rs for h in (r["hard_case"] or ["none"])).most_common())
                      for name, rs in (("train_original", train), ("dev", dev), ("test", test))},
    })


if __name__ == "__main__":
    main()
