"""Step 4: export the trained model for transformers.js.

  artifacts/model.pt -> public/models/triage-v1/{onnx/model.onnx, onnx/model_quantized.onnx,
  config.json, triage.json}; thresholds are chosen on DEV with the int8 weights.
Also writes artifacts/onnx_check.json (test-split inputs + torch logits) for check_onnx.mjs.

Usage: python3 models/export.py
"""
from __future__ import annotations

import argparse
import hashlib

import numpy as np
import torch

import model as model_mod
from common import ART, CATEGORIES, DATA, MAX_LEN, OUT, URGENCIES, VERSION, load_split, message_text, write_json
from metrics import choose_thresholds, decide, safety, split_probs
from model import ModelConfig, TriageModel
from onnx_utils import quantize_weights, torch_from_onnx
from tokenizer import Tokenizer
from train import collate, encode, predict

torch.set_num_threads(2)
# DEV recall targets the thresholds are chosen for (emergency; emergency + urgent together)
TARGET_E, TARGET_EU = 0.97, 0.95
LABELS = [f"urgency:{u}" for u in URGENCIES] + [f"category:{c}" for c in CATEGORIES]


def export_onnx(model: TriageModel, path) -> None:
    ids = torch.tensor([[2, 10, 11, 12, 3], [2, 13, 3, 0, 0]])
    att = (ids != 0).long()
    path.parent.mkdir(parents=True, exist_ok=True)
    dyn = {k: {0: "batch", 1: "sequence"} for k in ("input_ids", "attention_mask", "token_type_ids")}
    dyn.update(logits={0: "batch"}, sentence_embedding={0: "batch"})
    torch.onnx.export(model, (ids, att, torch.zeros_like(ids)), str(path), opset_version=17,
                      input_names=list(dyn)[:3], output_names=["logits", "sentence_embedding"],
                      dynamic_axes=dyn, do_constant_folding=True)


def hf_config(c: ModelConfig) -> dict:
    return {
        "model_type": "bert",
        "architectures": ["BertForSequenceClassification"],
        "hidden_size": c.hidden_size,
        "num_hidden_layers": c.num_hidden_layers,
        "num_attention_heads": c.num_attention_heads,
        "intermediate_size": c.intermediate_size,
        "hidden_act": "gelu",
        "max_position_embeddings": c.max_position_embeddings,
        "vocab_size": c.vocab_size,
        "type_vocab_size": c.type_vocab_size,
        "layer_norm_eps": 1e-12,
        "pad_token_id": 0,
        "id2label": {str(i): l for i, l in enumerate(LABELS)},
        "label2id": {l: i for i, l in enumerate(LABELS)},
    }


def fit_temperatures(model: TriageModel, dev_seqs, yu: np.ndarray, yc: np.ndarray) -> tuple[float, float]:
    """Temperature scaling on DEV (one temperature per head, grid search on the negative
    log-likelihood): the model is trained to near-zero train loss, so its raw probabilities
    are far too confident for a meaningful 0..1 score and thresholds."""
    logits = predict(model, dev_seqs)
    grid = np.exp(np.linspace(np.log(0.5), np.log(50), 200))

    def best(z: np.ndarray, y: np.ndarray) -> float:
        def nll(t: float) -> float:
            x = z / t
            x = x - x.max(1, keepdims=True)
            return float(-(x[np.arange(len(y)), y] - np.log(np.exp(x).sum(1))).mean())
        return float(min(grid, key=nll))
    return best(logits[:, :3], yu), best(logits[:, 3:9], yc)


def apply_temperatures(model: TriageModel, t_u: float, t_c: float) -> None:
    """Divide the urgency / category logits by t_u / t_c by scaling the last linear maps
    (classifier and bag-of-words tables): exact, and nothing changes in the graph."""
    with torch.no_grad():
        scale = torch.tensor([1 / t_u] * 3 + [1 / t_c] * 6)
        model.classifier.weight.mul_(scale)
        model.classifier.bias.mul_(scale)
        if model.config.bow:
            model.bow.weight.mul_(scale)
            if model.config.bow_bigram_buckets:
                model.bow2.weight.mul_(scale)


def data_hash() -> str:
    h = hashlib.sha256()
    for name in ("train", "dev", "test"):
        h.update((DATA / f"{name}.jsonl").read_bytes())
    return h.hexdigest()[:8]


EMB_CENTER_ROWS = 3000


@torch.no_grad()
def embedding_center(model: TriageModel, tok: Tokenizer) -> torch.Tensor:
    """Mean of the raw sentence vectors (mean word embedding) over (up to) EMB_CENTER_ROWS original
    training messages: subtracted before normalising, so cosine similarity compares what differs
    between messages instead of what all messages share."""
    rows = [r for r in load_split("train") if not r.get("source_id")][:EMB_CENTER_ROWS]
    seqs = [s for s, _, _ in encode(tok, rows)]
    total, n = None, 0
    for i in range(0, len(seqs), 64):
        ids, att, tt = collate(seqs[i:i + 64])
        v = model.word_mean(ids, att.unsqueeze(-1).to(torch.float32)).sum(0)
        total, n = (v if total is None else total + v), n + ids.shape[0]
    return total / max(1, n)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--target-emergency-recall", type=float, default=TARGET_E)
    ap.add_argument("--target-urgent-recall", type=float, default=TARGET_EU)
    args = ap.parse_args()
    ckpt = torch.load(ART / "model.pt")
    model_mod.FAST_CONV = False  # plain MatMul graph
    model = TriageModel(ModelConfig(**ckpt["config"]))
    state = ckpt["state_dict"]
    state.setdefault("emb_center", torch.zeros(model.config.hidden_size))  # set below
    model.load_state_dict(state)
    model.eval()

    tok = Tokenizer.load()
    dev_rows = load_split("dev")
    dev = encode(tok, dev_rows)
    yu = np.array([u for _, u, _ in dev])
    t_u, t_c = fit_temperatures(model, [s for s, _, _ in dev], yu, np.array([c for _, _, c in dev]))
    apply_temperatures(model, t_u, t_c)
    print(f"temperatures fitted on DEV: urgency {t_u:.2f}, category {t_c:.2f}")

    center = embedding_center(model, tok)
    model.emb_center.copy_(center)
    print(f"sentence embedding centred on the mean of {EMB_CENTER_ROWS} training messages (norm {center.norm():.3f})")

    fp32, int8 = OUT / "onnx" / "model.onnx", OUT / "onnx" / "model_quantized.onnx"
    export_onnx(model, fp32)
    quantized = quantize_weights(fp32, int8)
    print(f"exported {fp32} ({fp32.stat().st_size / 1e6:.2f} MB) and {int8} "
          f"({int8.stat().st_size / 1e6:.2f} MB; {len(quantized)} int8 tensors)")
    write_json(OUT / "config.json", hf_config(model.config))

    # thresholds on DEV with the weights that ship (int8)
    q_model = torch_from_onnx(int8, ckpt["config"])
    pu, _ = split_probs(predict(q_model, [s for s, _, _ in dev]))
    thr = choose_thresholds(pu, yu, args.target_emergency_recall, args.target_urgent_recall)
    dev_safety = safety(yu, decide(pu, thr["emergency"], thr["urgentOrAbove"]))
    print("dev thresholds", thr, dev_safety)
    write_json(OUT / "triage.json", {
        "version": f"{VERSION}+{data_hash()}",
        "input": "subject + '\\n' + body (body alone when there is no subject)",
        "urgencyLabels": URGENCIES,
        "categoryLabels": CATEGORIES,
        "logitSlices": {"urgency": [0, 3], "category": [3, 9]},
        "score": "p_emergency + 0.5 * p_urgent",
        "thresholds": thr,
        "decision": "emergency if p_emergency >= thresholds.emergency; else urgent if "
                    "p_emergency + p_urgent >= thresholds.urgentOrAbove; else routine",
        "maxLength": MAX_LEN,
        "thresholdPolicy": f"chosen on the DEV split with the int8 weights: emergency = highest threshold keeping "
                           f"DEV emergency recall >= {args.target_emergency_recall}; urgentOrAbove = best DEV urgency "
                           f"macro-F1 among thresholds keeping DEV emergency+urgent recall >= "
                           f"{args.target_urgent_recall}; each moved halfway (logit space) to the next lower DEV score",
        "architecture": {k: model.config.to_dict()[k] for k in (
            "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size", "vocab_size", "bow")},
        "outputs": {"logits": "[batch, 9] urgency logits then category logits",
                    "sentence_embedding": f"[batch, {model.config.hidden_size}] mean of the word embeddings, centred "
                                          f"on the training messages' mean, L2-normalised (for similarity)"},
        "devSafety": dev_safety,
        "temperatures": {"urgency": round(t_u, 4), "category": round(t_c, 4),
                         "note": "fitted on DEV and already folded into the exported weights"},
    })

    # inputs and torch outputs for the Node/ONNX Runtime/transformers.js agreement check
    rows = load_split("test")
    test = encode(tok, rows)
    seqs = [s for s, _, _ in test]
    write_json(ART / "onnx_check.json", {
        "texts": [message_text(r) for r in rows],
        "ids": seqs,
        "fp32": predict(model, seqs).round(5).tolist(),
        "int8": predict(q_model, seqs).round(5).tolist(),
    })


if __name__ == "__main__":
    main()
