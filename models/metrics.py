"""Metrics, threshold selection and the urgency decision rule (numpy only)."""
from __future__ import annotations

import numpy as np

E, U, R = 0, 1, 2  # urgency indices (emergency, urgent, routine)


def softmax(x: np.ndarray) -> np.ndarray:
    z = np.exp(x - x.max(-1, keepdims=True))
    return z / z.sum(-1, keepdims=True)


def split_probs(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """[N, 9] logits -> (urgency probs [N, 3], category probs [N, 6])."""
    return softmax(logits[:, :3]), softmax(logits[:, 3:9])


def urgency_score(pu: np.ndarray) -> np.ndarray:
    """Continuous urgency score shipped in triage.json: p_emergency + 0.5 * p_urgent."""
    return pu[:, E] + 0.5 * pu[:, U]


def decide(pu: np.ndarray, t_e: float, t_u: float) -> np.ndarray:
    """emergency if p_e >= t_e, else urgent if p_e + p_u >= t_u, else routine."""
    return np.where(pu[:, E] >= t_e, E, np.where(pu[:, E] + pu[:, U] >= t_u, U, R))


def confusion(y: np.ndarray, p: np.ndarray, k: int) -> np.ndarray:
    m = np.zeros((k, k), dtype=int)
    np.add.at(m, (y, p), 1)
    return m  # rows = true, columns = predicted


def report(y: np.ndarray, p: np.ndarray, labels: list[str]) -> dict:
    m = confusion(y, p, len(labels))
    per = {}
    for i, name in enumerate(labels):
        tp, fp, fn = m[i, i], m[:, i].sum() - m[i, i], m[i, :].sum() - m[i, i]
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[name] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
                     "support": int(m[i, :].sum())}
    present = [v["f1"] for v in per.values() if v["support"]]
    return {"per_class": per, "macro_f1": round(float(np.mean(present)), 4),
            "accuracy": round(float(np.trace(m) / max(m.sum(), 1)), 4), "confusion": m.tolist(),
            "labels": labels}


def auroc(score: np.ndarray, positive: np.ndarray) -> float:
    """Rank-based AUROC (ties get average ranks)."""
    pos = positive.astype(bool)
    n_pos, n_neg = pos.sum(), (~pos).sum()
    if not n_pos or not n_neg:
        return float("nan")
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    s = score[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _threshold(score: np.ndarray, pos: np.ndarray, already: np.ndarray, target: float) -> float:
    """Largest threshold t with recall(already | score >= t) >= target, moved down to the
    midpoint (in logit space) before the next lower dev score, which leaves every dev
    decision unchanged but gives a margin for unseen data."""
    need = int(np.ceil(target * pos.sum())) - int((already & pos).sum())
    if need <= 0:
        return 1.0
    cand = np.sort(score[pos & ~already])[::-1]
    t = cand[min(need, len(cand)) - 1]
    lower = score[score < t]
    if len(lower) == 0:
        return float(t)
    lo = lower.max()
    logit = lambda p: np.log(np.clip(p, 1e-9, 1 - 1e-9) / (1 - np.clip(p, 1e-9, 1 - 1e-9)))  # noqa: E731
    mid = (logit(t) + logit(lo)) / 2
    return float(1 / (1 + np.exp(-mid)))


def _macro_f1(y: np.ndarray, pred: np.ndarray, k: int = 3) -> float:
    f1s = []
    for i in range(k):
        tp = ((y == i) & (pred == i)).sum()
        p, t = (pred == i).sum(), (y == i).sum()
        f1s.append(2 * tp / (p + t) if p + t else 0.0)
    return float(np.mean(f1s))


def _logit_mid(a: float, b: float) -> float:
    logit = lambda p: np.log(np.clip(p, 1e-9, 1 - 1e-9) / (1 - np.clip(p, 1e-9, 1 - 1e-9)))  # noqa: E731
    return float(1 / (1 + np.exp(-(logit(a) + logit(b)) / 2)))


def choose_thresholds(pu: np.ndarray, y: np.ndarray, target_e: float = 0.98,
                      target_eu: float = 0.95) -> dict:
    """Emergency threshold: the highest one that keeps DEV emergency recall >= target_e
    (with the logit-midpoint margin of _threshold). Urgent-or-above threshold: among the
    thresholds that keep DEV emergency+urgent recall >= target_eu, the one with the best
    DEV urgency macro-F1 (again moved to the midpoint to the next lower DEV score)."""
    is_e = y == E
    t_e = _threshold(pu[:, E], is_e, np.zeros_like(is_e), target_e)
    flagged_e = pu[:, E] >= t_e
    s_u = pu[:, E] + pu[:, U]
    t_max = _threshold(s_u, y <= U, flagged_e, target_eu)
    cands = sorted({float(v) for v in s_u[~flagged_e] if v <= t_max} | {t_max}, reverse=True)
    best, t_u = -1.0, t_max
    for t in cands:
        f1 = _macro_f1(y, decide(pu, t_e, t))
        if f1 > best + 1e-12:
            best, t_u = f1, t
    if t_u != t_max:  # margin: halfway (in logit space) to the next lower DEV score
        lower = s_u[(s_u < t_u) & ~flagged_e]
        if len(lower):
            t_u = _logit_mid(t_u, float(lower.max()))
    return {"emergency": round(t_e, 6), "urgentOrAbove": round(min(t_u, 1.0), 6)}


def safety(y: np.ndarray, pred: np.ndarray) -> dict:
    """Headline figures: emergency recall/precision and emergency+urgent recall/precision."""
    def rp(t, p):
        tp = (t & p).sum()
        return (round(float(tp / t.sum()), 4) if t.sum() else None,
                round(float(tp / p.sum()), 4) if p.sum() else None)
    er, ep = rp(y == E, pred == E)
    ur, up = rp(y <= U, pred <= U)
    return {"emergency_recall": er, "emergency_precision": ep,
            "emergency_or_urgent_recall": ur, "emergency_or_urgent_precision": up}
