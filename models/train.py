"""Step 3: (optional) masked-LM pretraining on train text, then multi-task fine-tuning
(urgency + category heads, class-weighted, label-smoothed) with DEV-based epoch selection
and early stopping. The test split is never read here.

Defaults are the shipped configuration (see models/MODEL_CARD.md): 128 hidden, 3 layers,
4 heads; a linear bag-of-words part (token unigrams + hashed bigrams) fitted first on its
own (seconds), then the whole model fine-tuned for up to 6 epochs (each: every source row
once, half the time as one of its augmented copies), word-embedding learning rate x10;
no MLM (measured: at the affordable budget it learns little more than unigram frequencies).

Usage: python3 models/train.py [--epochs 6] [--hidden 128] [--layers 3] [--mlm-epochs 0]
       [--task both|urgency|category] [--ft-minutes M] ...
Writes models/artifacts/model.pt and models/artifacts/model_log.json.
"""
from __future__ import annotations

import argparse
import random
import time

import numpy as np
import torch
import torch.nn.functional as F

from common import ART, C2I, CATEGORIES, MAX_LEN, SEED, U2I, URGENCIES, load_split, message_text, write_json
from metrics import E, auroc, report, split_probs, urgency_score
from model import ModelConfig, TriageModel, n_params
from embeddings import DIM as GLOVE_DIM, matrix as glove_matrix
from tokenizer import CLS, MASK, PAD, SEP, SPECIALS, Tokenizer

torch.set_num_threads(2)


def seed_all(seed: int = SEED) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def encode(tok: Tokenizer, rows: list[dict]) -> list[tuple[list[int], int, int]]:
    return [(tok.encode(message_text(r)), U2I[r["urgency"]], C2I[r["category"]]) for r in rows]


def epoch_views(rows: list[dict], per_epoch: int, mix: float = 0.0):
    """Row indices for each fine-tuning epoch, drawn afresh each epoch: with `mix` > 0 every
    source row once, as itself or (probability `mix`) as one of its augmented copies; with
    mix == 0 every original plus `per_epoch` of its copies (all copies if per_epoch == 0,
    none if < 0)."""
    orig = [i for i, r in enumerate(rows) if not r.get("source_id")]
    copies: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if r.get("source_id"):
            copies.setdefault(r["source_id"], []).append(i)
    r_ = random.Random(f"{SEED}:views")

    def view() -> list[int]:
        if per_epoch < 0:
            return list(orig)
        if per_epoch == 0:
            return list(range(len(rows)))
        if mix:  # every source once: its original, or (with probability `mix`) one augmented copy
            return [r_.choice(copies[rows[i]["id"]]) if rows[i]["id"] in copies and r_.random() < mix else i
                    for i in orig]
        return orig + [j for k in sorted(copies) for j in r_.sample(copies[k], min(per_epoch, len(copies[k])))]
    return view


def batches(lengths: list[int], bs: int, r: random.Random | None) -> list[list[int]]:
    """Length-bucketed batches (little padding); shuffled when `r` is given."""
    idx = list(range(len(lengths)))
    if r is None:
        idx.sort(key=lambda i: lengths[i])
        return [idx[i:i + bs] for i in range(0, len(idx), bs)]
    r.shuffle(idx)
    out = []
    for s in range(0, len(idx), bs * 50):  # sort within large shuffled chunks
        chunk = sorted(idx[s:s + bs * 50], key=lambda i: lengths[i])
        out += [chunk[i:i + bs] for i in range(0, len(chunk), bs)]
    r.shuffle(out)
    return out


def collate(seqs: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    n = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), n), PAD, dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, :len(s)] = torch.tensor(s)
    return ids, (ids != PAD).long(), torch.zeros_like(ids)


class LinearPlan:
    """Linear warm-up then linear decay to 0 at step `total`. `shorten` re-plans a run cut
    short (time budget): from step s0 the factor decays linearly from its value at s0 to 0
    at the new end, so the learning rate is still annealed."""

    def __init__(self, total: int, warmup: float = 0.06):
        self.total, self.warm = total, max(1, int(total * warmup))
        self.s0 = self.f0 = None

    def __call__(self, s: int) -> float:
        if self.s0 is not None:
            return self.f0 * max(0.0, (self.total - s) / max(1, self.total - self.s0))
        return min((s + 1) / self.warm, max(0.0, (self.total - s) / max(1, self.total - self.warm)))

    def shorten(self, s0: int, new_total: int) -> None:
        self.f0, self.s0, self.total = self(s0), s0, new_total


def schedule(opt, total: int, lr: float, warmup: float = 0.06):
    sched = torch.optim.lr_scheduler.LambdaLR(opt, LinearPlan(total, warmup))
    return sched


def make_opt(model, lr: float, steps: int, emb_lr_mult: float = 1.0):
    """AdamW; the word embeddings may learn faster (they are the fastText-like shortcut
    into the classifier, and each row gets few updates on a small corpus)."""
    bow = ("bow.weight", "bow2.weight", "glove_bow")  # pre-fitted in the bag-of-words stage: 0.1 x rate, no decay
    emb_names = ("word_embeddings.weight", "glove_proj")
    emb = [p for n, p in model.named_parameters() if n in emb_names]
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and n not in bow and n not in emb_names]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2 and n not in bow]
    bow_params = [p for n, p in model.named_parameters() if n in bow]  # nearly fixed: the encoder learns the rest
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                             {"params": emb, "weight_decay": 0.0, "lr": lr * emb_lr_mult},
                             {"params": no_decay, "weight_decay": 0.0},
                             {"params": bow_params, "weight_decay": 0.0, "lr": lr * 0.1}], lr=lr)
    return opt, schedule(opt, steps, lr)


def mask_tokens(ids: torch.Tensor, vocab_size: int, g: torch.Generator):
    """BERT masking: 15% of real tokens; 80% [MASK], 10% random, 10% unchanged."""
    labels = ids.clone()
    special = (ids == PAD) | (ids == CLS) | (ids == SEP)
    pick = (torch.rand(ids.shape, generator=g) < 0.15) & ~special
    labels[~pick] = -100
    ids = ids.clone()
    roll = torch.rand(ids.shape, generator=g)
    ids[pick & (roll < 0.8)] = MASK
    rand_pos = pick & (roll >= 0.8) & (roll < 0.9)
    ids[rand_pos] = torch.randint(len(SPECIALS), vocab_size, ids.shape, generator=g)[rand_pos]
    return ids, labels


def pretrain_mlm(model: TriageModel, seqs: list[list[int]], epochs: int, lr: float, bs: int, log: dict):
    if epochs <= 0:
        return
    r, g = random.Random(f"{SEED}:mlm"), torch.Generator().manual_seed(SEED)
    lengths = [len(s) for s in seqs]
    steps = epochs * len(batches(lengths, bs, None))
    opt, sched = make_opt(model, lr, steps)
    model.train()
    for ep in range(epochs):
        t0, tot, n = time.time(), 0.0, 0
        for b in batches(lengths, bs, r):
            ids, att, tt = collate([seqs[i] for i in b])
            inp, labels = mask_tokens(ids, model.config.vocab_size, g)
            sel = labels != -100
            if not sel.any():
                continue
            logits = model.mlm_logits(model.encode(inp, att, tt)[sel])
            loss = F.cross_entropy(logits, labels[sel])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tot, n = tot + loss.item(), n + 1
        print(f"  mlm epoch {ep + 1}/{epochs} loss {tot / n:.3f} ({time.time() - t0:.0f}s)", flush=True)
        log["mlm"].append({"epoch": ep + 1, "loss": round(tot / n, 4), "seconds": round(time.time() - t0, 1)})


@torch.no_grad()
def predict(model: TriageModel, seqs: list[list[int]], bs: int = 64) -> np.ndarray:
    model.eval()
    out = np.zeros((len(seqs), 9), dtype=np.float32)
    for b in batches([len(s) for s in seqs], bs, None):
        out[b] = model(*collate([seqs[i] for i in b]))[0].numpy()
    return out


def class_weights(labels: list[int], k: int, boost: dict[int, float] | None = None) -> torch.Tensor:
    counts = np.bincount(labels, minlength=k).astype(float)
    w = np.sqrt(counts.sum() / (k * np.maximum(counts, 1)))
    for i, f in (boost or {}).items():
        w[i] *= f
    return torch.tensor(w / w.mean(), dtype=torch.float32)


def dev_summary(logits: np.ndarray, yu: np.ndarray, yc: np.ndarray) -> dict:
    pu, pc = split_probs(logits)
    ru, rc = report(yu, pu.argmax(1), URGENCIES), report(yc, pc.argmax(1), CATEGORIES)
    s = urgency_score(pu)
    a_e, a_eu = auroc(s, yu == E), auroc(s, yu <= 1)
    # selection score: both macro-F1s plus the ranking quality that thresholds depend on
    sel_u = ru["macro_f1"] + (a_e + a_eu) / 2
    return {"urgency_f1": ru["macro_f1"], "category_f1": rc["macro_f1"], "auroc_e": round(a_e, 4),
            "auroc_eu": round(a_eu, 4), "select": round(sel_u + rc["macro_f1"], 4),
            "select_urgency": round(sel_u, 4)}


def pretrain_bow(model: TriageModel, train, epochs: int, lr: float, emergency_boost: float, log: dict,
                 smoothing: float, args_l2: float = 1e-5) -> None:
    """Stage 0: fit the linear bag-of-words part alone (a fastText-style linear model over
    token unigrams and hashed bigrams, on every train row including the augmented copies).
    It needs no encoder pass, so it takes seconds, and fine-tuning starts from a model that
    already knows the red-flag and topic words; the encoder then learns the residual."""
    if epochs <= 0 or not model.config.bow:
        return
    seqs, yu, yc = zip(*train)
    wu, wc = class_weights(list(yu), 3, {E: emergency_boost}), class_weights(list(yc), 6)
    params = [model.bow.weight] + ([model.bow2.weight] if model.config.bow_bigram_buckets else []) \
        + ([model.glove_bow] if model.config.glove_dim else [])
    opt = torch.optim.Adam(params, lr=lr)
    r = random.Random(f"{SEED}:bow")
    for ep in range(epochs):
        t0, tot, n = time.time(), 0.0, 0
        for b in batches([len(s) for s in seqs], 64, r):
            ids, att, _ = collate([seqs[i] for i in b])
            logits = model.bow_logits(ids, att.unsqueeze(-1).float())
            # same loss as fine-tuning (label smoothing included), so that stage starts at a fit
            loss = F.cross_entropy(logits[:, :3], torch.tensor([yu[i] for i in b]), weight=wu, label_smoothing=smoothing) \
                + F.cross_entropy(logits[:, 3:], torch.tensor([yc[i] for i in b]), weight=wc, label_smoothing=smoothing) \
                + args_l2 * sum(p.pow(2).sum() for p in params)
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot, n = tot + loss.item(), n + 1
        print(f"  bag-of-words epoch {ep + 1}/{epochs} loss {tot / n:.3f} ({time.time() - t0:.0f}s)", flush=True)
        log["bow"].append({"epoch": ep + 1, "loss": round(tot / n, 4), "seconds": round(time.time() - t0, 1)})


TASK_WEIGHTS = {"both": (1.0, 1.0), "urgency": (1.0, 0.0), "category": (0.0, 1.0)}


def finetune(model, train, view, dev, args, log: dict):
    """Multi-task fine-tuning (or one task with --task) with per-epoch DEV selection,
    early stopping (--patience) and a running average of the last --swa epochs."""
    epochs, bs, swa = args.epochs, args.batch, args.swa
    w_u, w_c = TASK_WEIGHTS[args.task]
    r = random.Random(f"{SEED}:ft")
    seqs, yu, yc = zip(*train)
    dseqs, dyu, dyc = zip(*dev)
    dyu, dyc = np.array(dyu), np.array(dyc)
    wu = class_weights(list(yu), 3, {E: args.emergency_boost})
    wc = class_weights(list(yc), 6)
    views = [view() for _ in range(epochs)]
    steps = sum(len(batches([0] * len(v), bs, None)) for v in views)
    opt, sched = make_opt(model, args.lr, steps, args.emb_lr_mult)
    best, best_state, since_best = -1.0, None, 0
    key = {"both": "select", "urgency": "select_urgency", "category": "category_f1"}[args.task]
    if "dev_after_bow" in log:  # the bag-of-words stage alone is a candidate too ("epoch 0")
        best, best_state = log["dev_after_bow"][key], {k: v.clone() for k, v in model.state_dict().items()}
        log["selected_epoch"] = 0
    t_ft, step, plan = time.time(), 0, sched.lr_lambdas[0]  # one LinearPlan shared by all groups
    for ep, rows in enumerate(views):
        if ep >= epochs:
            break
        model.train()
        t0, tot, n = time.time(), 0.0, 0
        for bi in batches([len(seqs[i]) for i in rows], bs, r):
            b = [rows[i] for i in bi]
            logits, _ = model(*collate([seqs[i] for i in b]))
            tu = torch.tensor([yu[i] for i in b])
            tc = torch.tensor([yc[i] for i in b])
            loss = w_u * F.cross_entropy(logits[:, :3], tu, weight=wu, label_smoothing=args.smoothing) \
                + w_c * F.cross_entropy(logits[:, 3:], tc, weight=wc, label_smoothing=args.smoothing)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            tot, n = tot + loss.item(), n + 1
        d = dev_summary(predict(model, list(dseqs)), dyu, dyc)
        d.update(epoch=ep + 1, loss=round(tot / n, 4), seconds=round(time.time() - t0, 1))
        log["finetune"].append(d)
        if args.ft_minutes and ep + 1 < epochs:
            # time budget: re-plan to the epochs that still fit (at the mean epoch time so far)
            spent = time.time() - t_ft
            fit = int((args.ft_minutes * 60 - spent) / (spent / (ep + 1)))
            if fit < epochs - (ep + 1):
                new_epochs = ep + 1 + max(0, fit)
                plan.shorten(step, step + sum(len(batches([0] * len(v), bs, None)) for v in views[ep + 1:new_epochs]))
                print(f"  time budget ({args.ft_minutes} min): {epochs} -> {new_epochs} epochs")
                log["time_budget_cut"] = {"after_epoch": ep + 1, "planned": epochs, "now": new_epochs}
                swa = min(swa, new_epochs)
                epochs = new_epochs
        print(f"  epoch {ep + 1}/{epochs} loss {tot / n:.3f} dev {d} ", flush=True)
        if ep + 1 >= args.min_epochs and d[key] >= best:  # later epochs win ties
            best, best_state, since_best = d[key], {k: v.clone() for k, v in model.state_dict().items()}, 0
            log["selected_epoch"] = ep + 1
        elif ep + 1 >= args.min_epochs:
            since_best += 1
        if ep + 1 > epochs - swa:  # running average of the last `swa` epochs' weights
            k = ep + 1 - (epochs - swa)
            state = model.state_dict()
            avg = {n: v.clone() for n, v in state.items()} if k == 1 else \
                {n: avg[n] + (state[n] - avg[n]) / k for n in state}
        stop = None
        if args.patience and since_best >= args.patience and ep + 1 < epochs:
            stop = f"no DEV improvement for {args.patience} epochs"
        if stop:
            print(f"  early stop after epoch {ep + 1}: {stop}")
            log["early_stop"] = {"epoch": ep + 1, "reason": stop}
            swa = 0  # the running average is incomplete
            break
    if swa > 1:
        model.load_state_dict(avg)
        d = dev_summary(predict(model, list(dseqs)), dyu, dyc)
        log["finetune"].append({"swa_last_epochs": swa, **d})
        print(f"  average of last {swa} epochs: dev {d}")
        if d[key] >= best:
            best_state, log["selected_epoch"] = avg, f"average of last {swa}"
    if best_state is None:  # cut short before --min-epochs: keep the last epoch
        best_state, log["selected_epoch"] = model.state_dict(), len(log["finetune"])
    model.load_state_dict(best_state)
    log["dev_selected"] = dev_summary(predict(model, list(dseqs)), dyu, dyc)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--mlm-epochs", type=int, default=0)
    ap.add_argument("--mlm-lr", type=float, default=1e-3)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--emergency-boost", type=float, default=3.0)
    ap.add_argument("--no-pool-inputs", action="store_true")
    ap.add_argument("--no-bow", action="store_true", help="no linear bag-of-words part in the logits")
    ap.add_argument("--bigram-buckets", type=int, default=32768, help="hashed bigram buckets (0: unigrams only)")
    ap.add_argument("--bow-epochs", type=int, default=2, help="bag-of-words stage epochs (0: none)")
    ap.add_argument("--bow-lr", type=float, default=0.02)
    ap.add_argument("--aug-mix", type=float, default=0.5,
                    help="with --aug-per-epoch 1: each source once per epoch, an augmented copy with this "
                         "probability (0: the original AND one copy every epoch)")
    ap.add_argument("--swa", type=int, default=0, help="also try the average of the last N epochs")
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--out", default="model.pt")
    ap.add_argument("--aug-per-epoch", type=int, default=1, help="augmented copies per source per epoch")
    ap.add_argument("--emb-lr-mult", type=float, default=10.0, help="learning-rate factor of the word embeddings")
    ap.add_argument("--smoothing", type=float, default=0.0, help="label smoothing (both stages)")
    ap.add_argument("--task", choices=sorted(TASK_WEIGHTS), default="both",
                    help="both heads (one multi-task model) or one of them (two-model comparison)")
    ap.add_argument("--min-epochs", type=int, default=1, help="earliest epoch DEV selection may pick")
    ap.add_argument("--patience", type=int, default=2, help="stop after N epochs without DEV improvement")
    ap.add_argument("--ft-minutes", type=float, default=0, help="stop fine-tuning after this many minutes")
    ap.add_argument("--mlm-max-len", type=int, default=0, help="cut MLM pretraining sequences to this length")
    ap.add_argument("--mlm-data", choices=["all", "orig"], default="all",
                    help="MLM on all train texts (augmented copies included) or the originals only")
    ap.add_argument("--no-glove", action="store_true",
                    help="no pretrained word vectors (embeddings.py) behind the word embeddings")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    t_start = time.time()
    seed_all(args.seed)
    torch.set_num_threads(args.threads)

    tok = Tokenizer.load()
    train_rows = load_split("train")
    train, dev = encode(tok, train_rows), encode(tok, load_split("dev"))
    cfg = ModelConfig(vocab_size=len(tok.vocab), hidden_size=args.hidden, num_hidden_layers=args.layers,
                      num_attention_heads=args.heads, intermediate_size=4 * args.hidden, max_position_embeddings=MAX_LEN,
                      dropout=args.dropout, pool_inputs=not args.no_pool_inputs, bow=not args.no_bow,
                      bow_bigram_buckets=0 if args.no_bow else args.bigram_buckets,
                      glove_dim=0 if args.no_glove else GLOVE_DIM)
    model = TriageModel(cfg)
    if cfg.glove_dim:
        vocab = sorted(tok.vocab, key=tok.vocab.get)
        vectors, hit = glove_matrix(vocab)
        model.set_glove(vectors)
        print(f"GloVe vectors for {hit:,} of {len(vocab):,} tokens")
    print(f"model: {cfg.to_dict()} params (exported) {n_params(model):,}; train {len(train)} dev {len(dev)}")
    log = {"args": vars(args), "config": cfg.to_dict(), "bow": [], "mlm": [], "finetune": []}

    src = train if args.mlm_data == "all" else [t for t, r in zip(train, train_rows) if not r.get("source_id")]
    mlm_seqs = list({tuple(s): None for s, _, _ in src})  # unique train texts
    if args.mlm_max_len:
        mlm_seqs = [s[:args.mlm_max_len - 1] + (SEP,) if len(s) > args.mlm_max_len else s for s in mlm_seqs]
    pretrain_mlm(model, [list(s) for s in mlm_seqs], args.mlm_epochs, args.mlm_lr, args.batch, log)
    pretrain_bow(model, train, args.bow_epochs, args.bow_lr, args.emergency_boost, log, args.smoothing)
    if model.config.bow:
        log["dev_after_bow"] = dev_summary(predict(model, [s for s, _, _ in dev]), np.array([u for _, u, _ in dev]),
                                           np.array([c for _, _, c in dev]))
        print(f"  after the bag-of-words stage: dev {log['dev_after_bow']}", flush=True)
    finetune(model, train, epoch_views(train_rows, args.aug_per_epoch, args.aug_mix), dev, args, log)

    model.fold_glove()  # plain word-embedding and bag-of-words matrices from here on
    ART.mkdir(parents=True, exist_ok=True)
    torch.save({"config": model.config.to_dict(), "state_dict": model.state_dict()}, ART / args.out)
    log["seconds"] = round(time.time() - t_start, 1)
    write_json(ART / args.out.replace(".pt", "_log.json"), log)
    print(f"saved {ART / args.out} (selected epoch {log['selected_epoch']}, {log['seconds']}s)")


if __name__ == "__main__":
    main()
