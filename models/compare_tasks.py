"""One multi-task model or two single-task models? Trains, with identical settings and
data, (a) one model with both heads, (b) an urgency-only and (c) a category-only model,
and compares them on DEV (never on test). Writes models/eval/one_vs_two.json.

Usage: python3 models/compare_tasks.py [train.py arguments, e.g. --epochs 4]
"""
from __future__ import annotations

import json
import subprocess
import sys
import time

from common import ART, EVAL, PROJECT, write_json

runs = {}
for task in ("both", "urgency", "category"):
    t0 = time.time()
    cmd = [sys.executable, "models/train.py", "--task", task, "--swa", "0", "--out", f"cmp_{task}.pt", *sys.argv[1:]]
    print("===", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=PROJECT, check=True)
    log = json.loads((ART / f"cmp_{task}_log.json").read_text())
    runs[task] = {"seconds": round(time.time() - t0, 1), "selected_epoch": log["selected_epoch"],
                  "dev": log["dev_selected"], "args": sys.argv[1:]}
b, u, c = runs["both"]["dev"], runs["urgency"]["dev"], runs["category"]["dev"]
summary = {
    "one_model": {"urgency_f1": b["urgency_f1"], "auroc_e": b["auroc_e"], "auroc_eu": b["auroc_eu"],
                  "category_f1": b["category_f1"], "train_seconds": runs["both"]["seconds"]},
    "two_models": {"urgency_f1": u["urgency_f1"], "auroc_e": u["auroc_e"], "auroc_eu": u["auroc_eu"],
                   "category_f1": c["category_f1"],
                   "train_seconds": round(runs["urgency"]["seconds"] + runs["category"]["seconds"], 1)},
}
write_json(EVAL / "one_vs_two.json", {"runs": runs, "summary": summary})
print(json.dumps(summary, indent=2))
