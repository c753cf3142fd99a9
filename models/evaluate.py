"""Step 5: held-out evaluation of the shipped int8 model (ONNX weights run through the
torch reference; check_onnx.mjs shows ONNX Runtime agrees) on data/test.jsonl.

Usage: python3 models/evaluate.py [--split test] [--model model_quantized.onnx]
Writes models/eval/heldout.json (or eval/<split>.json for another split).
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict

import numpy as np
import torch

from common import ART, C2I, CATEGORIES, EVAL, OUT, U2I, URGENCIES, load_split, message_text, write_json
from metrics import E, U, auroc, decide, report, safety, split_probs, urgency_score
from onnx_utils import torch_from_onnx
from tokenizer import Tokenizer
from train import predict

torch.set_num_threads(2)


def fmt_report(title: str, r: dict) -> str:
    lines = [f"{title}: macro-F1 {r['macro_f1']:.3f}  accuracy {r['accuracy']:.3f}",
             f"  {'':16} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5}"]
    for name, v in r["per_class"].items():
        lines.append(f"  {name:16} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {v['support']:5d}")
    lines.append("  confusion (rows true, cols predicted): " + " ".join(x[:5] for x in r["labels"]))
    lines += [f"  {r['labels'][i][:12]:12} " + " ".join(f"{v:5d}" for v in row)
              for i, row in enumerate(r["confusion"])]
    return "\n".join(lines)


def breakdown(rows, yu, pred_u, key, yc=None, pred_c=None) -> dict:
    """Per-group urgency (and category) accuracy and emergency / emergency+urgent recall."""
    groups = defaultdict(list)
    for i, r in enumerate(rows):
        for g in key(r):
            groups[g].append(i)
    out = {}
    for g, idx in sorted(groups.items()):
        idx = np.array(idx)
        out[g] = {"n": len(idx), "urgency_accuracy": round(float((yu[idx] == pred_u[idx]).mean()), 3),
                  **safety(yu[idx], pred_u[idx])}
        if yc is not None:
            out[g]["category_accuracy"] = round(float((yc[idx] == pred_c[idx]).mean()), 3)
    return out


def ece(conf: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of the top-class probability (equal-width bins)."""
    idx = np.minimum((conf * bins).astype(int), bins - 1)
    return float(sum(abs(conf[idx == b].mean() - correct[idx == b].mean()) * (idx == b).mean()
                     for b in range(bins) if (idx == b).any()))


def operating_points(pu: np.ndarray, yu: np.ndarray, t_e: float) -> list[dict]:
    """Emergency recall / precision / flagged share at a few thresholds of p_emergency."""
    out = []
    for t in sorted({0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, round(t_e, 4)}):
        flag = pu[:, E] >= t
        tp = int((flag & (yu == E)).sum())
        out.append({"threshold": t, "chosen": t == round(t_e, 4), "recall": round(tp / max(1, (yu == E).sum()), 4),
                    "precision": round(tp / max(1, flag.sum()), 4), "flagged": int(flag.sum())})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test")
    ap.add_argument("--model", default="model_quantized.onnx")
    args = ap.parse_args()

    triage = json.loads((OUT / "triage.json").read_text())
    t_e, t_u = triage["thresholds"]["emergency"], triage["thresholds"]["urgentOrAbove"]
    config = torch.load(ART / "model.pt")["config"]
    model = torch_from_onnx(OUT / "onnx" / args.model, config)
    tok = Tokenizer.load()
    rows = load_split(args.split)
    logits = predict(model, [tok.encode(message_text(r)) for r in rows])
    pu, pc = split_probs(logits)
    yu = np.array([U2I[r["urgency"]] for r in rows])
    yc = np.array([C2I[r["category"]] for r in rows])
    pred_u = decide(pu, t_e, t_u)
    score = urgency_score(pu)

    res = {
        "split": args.split, "model": args.model, "n": len(rows), "thresholds": triage["thresholds"],
        "safety": safety(yu, pred_u),
        "urgency": report(yu, pred_u, URGENCIES),
        "urgency_argmax": report(yu, pu.argmax(1), URGENCIES),
        "category": report(yc, pc.argmax(1), CATEGORIES),
        "auroc": {"emergency_vs_rest": round(auroc(score, yu == E), 4),
                  "emergency_or_urgent_vs_routine": round(auroc(score, yu <= U), 4)},
        "by_language": breakdown(rows, yu, pred_u, lambda r: sorted({"en" if r["lang"] == "en" else "non-en", r["lang"]}),
                                 yc, pc.argmax(1)),
        "by_hard_case": breakdown(rows, yu, pred_u, lambda r: r.get("hard_case") or ["none"], yc, pc.argmax(1)),
        "calibration": {
            "ece_urgency_top": round(ece(pu.max(1), pu.argmax(1) == yu), 4),
            "ece_category_top": round(ece(pc.max(1), pc.argmax(1) == yc), 4),
            "brier_emergency": round(float(((pu[:, E] - (yu == E)) ** 2).mean()), 4),
        },
        "emergency_operating_points": operating_points(pu, yu, t_e),
        "missed_emergencies": [
            {"id": r["id"], "predicted": URGENCIES[pred_u[i]], "p_emergency": round(float(pu[i, E]), 3),
             "text": message_text(r)[:160]}
            for i, r in enumerate(rows) if yu[i] == E and pred_u[i] != E],
    }
    name = "heldout" if args.split == "test" else args.split
    write_json(EVAL / f"{name}.json", res)

    print(f"== {args.split} split, {len(rows)} messages, {args.model}, thresholds e={t_e:.4f} u={t_u:.4f}")
    print("safety:", res["safety"])
    print("AUROC of score:", res["auroc"])
    print("calibration:", res["calibration"])
    for op in res["emergency_operating_points"]:
        print("  p_emergency >=", op)
    print(fmt_report("urgency (thresholded decision)", res["urgency"]))
    print(f"urgency argmax macro-F1 {res['urgency_argmax']['macro_f1']:.3f}")
    print(fmt_report("category", res["category"]))
    for m in res["missed_emergencies"]:
        print("  missed emergency:", m)
    for title, part in (("by language", res["by_language"]), ("by hard case", res["by_hard_case"])):
        print(title + ":")
        for g, v in part.items():
            print(f"  {g:22} n={v['n']:4d} urgency acc {v['urgency_accuracy']:.3f} category acc "
                  f"{v['category_accuracy']:.3f} emergency recall {v['emergency_recall']} "
                  f"e+u recall {v['emergency_or_urgent_recall']}")


if __name__ == "__main__":
    main()
