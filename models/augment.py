"""Text augmentations for TRAIN rows only. Every copy keeps its source's labels.

- typos:   keyboard-neighbour substitutions and dropped letters
- abbrev:  clinical / texting abbreviations (shortness of breath -> SOB, ...)
- case:    all lower or ALL CAPS
- punct:   punctuation removed (kept inside numbers such as 180/110 or 101.5)
- bury:    the message placed after / inside 1-3 (one time in six: 5-10) mundane
           sentences taken from routine train messages (the buried message is the decisive one, so
           its labels are kept; only messages are buried into routine text)
"""
from __future__ import annotations

import random
import re

_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_POS = {ch: (r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}


def _neighbours(ch: str) -> str:
    """Keys adjacent to `ch` on a QWERTY keyboard (same and adjacent rows)."""
    if ch not in _POS:
        return ""
    r, c = _POS[ch]
    out = []
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            rr, cc = r + dr, c + dc
            if (dr or dc) and 0 <= rr < 3 and 0 <= cc < len(_ROWS[rr]):
                out.append(_ROWS[rr][cc])
    return "".join(out)


def typos(text: str, r: random.Random, rate: float = 0.12) -> str:
    def corrupt(m: re.Match) -> str:
        w = m.group(0)
        if r.random() > rate:
            return w
        i = r.randrange(1, len(w))  # keep the first letter, as people usually do
        if r.random() < 0.5:
            return w[:i] + w[i + 1:]                        # dropped letter
        nb = _neighbours(w[i].lower())
        if not nb:
            return w
        c = r.choice(nb)
        return w[:i] + (c.upper() if w[i].isupper() else c) + w[i + 1:]  # neighbour key
    return re.sub(r"[A-Za-z]{4,}", corrupt, text)


# (pattern, replacements). Patterns are case-insensitive, whole words.
ABBREVIATIONS = [
    (r"shortness of breath|short of breath", ["SOB", "sob"]),
    (r"chest pains?", ["CP", "cp"]),
    (r"headaches?", ["HA", "ha"]),
    (r"blood pressure", ["BP", "bp"]),
    (r"blood sugar", ["BS", "sugar"]),
    (r"appointments?", ["appt", "appt."]),
    (r"prescriptions?", ["rx", "Rx"]),
    (r"please", ["pls", "plz"]),
    (r"emergency room", ["ER", "er"]),
    (r"as soon as possible", ["ASAP", "asap"]),
    (r"thank you|thanks", ["thx", "ty", "tks"]),
    (r"medications?|medicines?", ["meds"]),
    (r"doctor", ["dr", "doc"]),
    (r"tomorrow", ["tmrw", "tmr"]),
    (r"because", ["bc", "cuz"]),
    (r"without", ["w/o"]),
    (r"with", ["w/"]),
    (r"about", ["abt"]),
    (r"you", ["u"]),
    (r"urinary tract infection", ["UTI"]),
    (r"primary care (?:doctor|provider|physician)", ["PCP"]),
]
_ABBR = [(re.compile(rf"\b(?:{p})\b", re.I), reps) for p, reps in ABBREVIATIONS]


def abbreviate(text: str, r: random.Random) -> str:
    for pat, reps in _ABBR:
        if pat.search(text) and r.random() < 0.85:
            text = pat.sub(lambda m: r.choice(reps), text)
    return text


def casing(text: str, r: random.Random) -> str:
    return text.upper() if r.random() < 0.35 else text.lower()


_PUNCT = re.compile(r"(?<!\d)[^\w\s]|[^\w\s](?!\d)")


def strip_punct(text: str, r: random.Random) -> str:
    return re.sub(r"[ ]{2,}", " ", _PUNCT.sub("", text))


NOISE = {"typos": typos, "abbrev": abbreviate, "case": casing, "punct": strip_punct}
# row-level noise (not applied to text): the message arrives without its subject line, as when an
# EHR list or an export gives only the body
ROW_NOISE = ("nosubject",)


def noisy_copy(row: dict, r: random.Random, kinds: list[str]) -> dict | None:
    """Apply the given noise kinds to subject and body; None if nothing changed."""
    subject, body = row.get("subject") or "", row["body"]
    for k in kinds:
        if k == "nosubject":
            subject = ""
            continue
        fn = NOISE[k]
        # same random stream for subject and body so e.g. casing matches
        seed = r.random()
        subject, body = fn(subject, random.Random(seed)), fn(body, random.Random(seed))
    if subject == (row.get("subject") or "") and body == row["body"]:
        return None
    return {**row, "subject": subject, "body": body, "aug": "+".join(kinds)}


_SENT = re.compile(r"(?<=[.!?])\s+")


_ABBREV_END = re.compile(r"\b(?:dr|mr|mrs|ms|st|vs|etc|no|approx)\.$", re.I)


def split_sentences(text: str) -> list[str]:
    """Sentence split that does not break after 'Dr.', 'Mrs.' and similar."""
    out: list[str] = []
    for piece in _SENT.split(text.replace("\n", " ").strip()):
        if out and _ABBREV_END.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def sentences(body: str) -> list[str]:
    """Sentences of a body that are plausible filler (3-30 words)."""
    out = []
    for s in split_sentences(body):
        n = len(s.split())
        if 3 <= n <= 30:
            out.append(s.strip())
    return out


def bury(row: dict, filler: list[tuple[str, str]], r: random.Random) -> dict:
    """Bury `row` among 1-3 filler sentences (each a (sentence, subject) pair)."""
    # mostly short fillers; one copy in six is a long rambling message (5-10 filler
    # sentences) so that late positions and red flags at the end of long text are trained
    k = r.randint(5, 10) if r.random() < 1 / 6 else r.choice([1, 1, 2, 2, 3])
    picked = r.sample(filler, min(k, len(filler)))
    sents = [s for s, _ in picked]
    body_sents = split_sentences(row["body"])
    mode = r.choice(["after", "after", "inside", "around"])
    if mode == "inside" and len(body_sents) > 1:
        cut = r.randrange(1, len(body_sents))
        parts = body_sents[:cut] + sents + body_sents[cut:]
    elif mode == "around" and len(sents) > 1:
        parts = sents[:1] + body_sents + sents[1:]
    else:
        parts = sents + body_sents
    subject = row.get("subject") or ""
    if row["urgency"] != "routine" and r.random() < 0.5:
        subject = picked[0][1]  # a mundane subject line hiding the real issue
    return {**row, "subject": subject, "body": " ".join(parts), "aug": f"bury-{mode}"}


def augment_train(train: list[dict], r: random.Random, n_noise: int = 2) -> list[dict]:
    """Original rows followed by their augmented copies (deterministic given `r`)."""
    mundane = {"acknowledgement", "administrative", "scheduling"}
    # filler pools: key (lang, category) -> [(sentence, subject)]
    pools: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in train:
        if row["urgency"] == "routine":
            for s in sentences(row["body"]):
                pools.setdefault((row["lang"], row["category"]), []).append((s, row.get("subject") or ""))

    def pool_for(row: dict) -> list[tuple[str, str]]:
        cats = [row["category"]] if row["urgency"] == "routine" else sorted(mundane)
        for lang in (row["lang"], "en"):
            p = [x for c in cats for x in pools.get((lang, c), [])]
            if len(p) >= 5:
                return p
        return []

    out = [dict(row, aug="orig") for row in train]
    kinds = [*NOISE, *ROW_NOISE]
    for row in train:
        copies = []
        for _ in range(n_noise):
            ks = r.sample(kinds, r.choice([1, 1, 2]))
            copies.append(noisy_copy(row, r, ks))
        p = pool_for(row)
        if p and (row["urgency"] != "routine" or r.random() < 0.5):
            b = bury(row, p, r)
            if r.random() < 0.3:
                b = noisy_copy(b, r, [r.choice(kinds)]) or b
                b["aug"] = "bury+noise"
            copies.append(b)
        seen = {(row.get("subject"), row["body"])}
        for i, c in enumerate(x for x in copies if x):
            key = (c.get("subject"), c["body"])
            if key not in seen:
                seen.add(key)
                out.append({**c, "id": f"{row['id']}~a{i}", "source_id": row["id"]})
    return out
