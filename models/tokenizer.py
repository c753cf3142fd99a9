"""Step 2: train a lowercase BERT-style WordPiece vocabulary and write it in the
Hugging Face `tokenizer.json` format that transformers.js loads.

The Python `Tokenizer.encode` mirrors transformers.js exactly (BertNormalizer ->
added-token split -> BertPreTokenizer -> greedy longest-match WordPiece ->
[CLS] A [SEP] -> cut to max_length); `check_tokenizer.mjs` verifies that.

Usage: python3 models/tokenizer.py [--vocab-size 7000] [--glove-words 13000]   (train + write + check texts)

After the pieces learned from the corpus come the most frequent English words of the GloVe
vectors (embeddings.py) that are not yet in the vocabulary, kept whole, so that a word the
corpus never used is one token with a pretrained meaning rather than a few meaningless pieces.
"""
from __future__ import annotations

import argparse
import heapq
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from common import ART, MAX_LEN, MODELS, OUT, load_split, message_text, rng, write_json

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PAD, UNK, CLS, SEP, MASK = range(5)
PREFIX = "##"

# --- BertNormalizer + BertPreTokenizer, as implemented by transformers.js -----------------
# JavaScript's /\s/ (after clean_text only these remain as whitespace).
_JS_WS = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {
    chr(c) for c in range(0x2000, 0x200B)}
_SPECIAL_RE = re.compile("(" + "|".join(re.escape(s) for s in SPECIALS) + ")")


def _is_cjk(cp: int) -> bool:
    # JS walks UTF-16 code units, so only BMP ideographs are padded with spaces.
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF


def normalize(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\x00" or ch == "\ufffd":
            continue
        if ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs"):
            continue  # clean_text: drop control/format chars
        if ch in _JS_WS:
            out.append(" ")
        elif _is_cjk(ord(ch)):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    text = unicodedata.normalize("NFD", "".join(out).lower())
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")  # strip accents


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 0x21 <= cp <= 0x2F or 0x3A <= cp <= 0x40 or 0x5B <= cp <= 0x60 or 0x7B <= cp <= 0x7E:
        return True
    return unicodedata.category(ch).startswith("P")


def pre_tokenize(text: str) -> list[str]:
    """Split on whitespace; every punctuation char is its own word."""
    words, cur = [], []
    for ch in text:
        if ch in _JS_WS or _is_punct(ch):
            if cur:
                words.append("".join(cur))
                cur = []
            if ch not in _JS_WS:
                words.append(ch)
        else:
            cur.append(ch)
    if cur:
        words.append("".join(cur))
    return words


def words_of(text: str) -> list[str]:
    """Normalised pre-tokenized words of raw text (special-token strings dropped)."""
    return [w for sec in _SPECIAL_RE.split(text) if sec not in SPECIALS for w in pre_tokenize(normalize(sec))]


# --- encoding ---------------------------------------------------------------------------
class Tokenizer:
    def __init__(self, vocab: dict[str, int], max_len: int = MAX_LEN):
        self.vocab = vocab
        self.inv = {i: t for t, i in vocab.items()}
        self.max_len = max_len
        self._cache: dict[str, list[int]] = {}

    @classmethod
    def load(cls, path: Path = OUT / "tokenizer.json") -> "Tokenizer":
        return cls(json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"])

    def _word(self, word: str) -> list[int]:
        """Greedy longest-match-first WordPiece; a word with an unknown part is [UNK]."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        chars, ids, start = list(word), [], 0
        if len(chars) > 100:
            ids = [UNK]
        while start < len(chars) and ids != [UNK]:
            end = len(chars)
            while end > start:
                piece = "".join(chars[start:end])
                tid = self.vocab.get(piece if start == 0 else PREFIX + piece)
                if tid is not None:
                    ids.append(tid)
                    break
                end -= 1
            if end == start:
                ids = [UNK]
                break
            start = end
        self._cache[word] = ids
        return ids

    def encode(self, text: str, truncate: bool = True) -> list[int]:
        ids = [CLS]
        for sec in _SPECIAL_RE.split(text):
            if sec in SPECIALS:
                ids.append(SPECIALS.index(sec))
            elif sec:
                for w in pre_tokenize(normalize(sec)):
                    ids += self._word(w)
        ids.append(SEP)
        return ids[: self.max_len] if truncate else ids  # transformers.js cuts after adding specials

    def tokens(self, text: str) -> list[str]:
        return [self.inv[i] for i in self.encode(text)]


# --- training ---------------------------------------------------------------------------
def load_keep_words(path: Path = MODELS / "keep_words.txt") -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        w = line.split("#", 1)[0].strip()
        if w:
            words = words_of(w)
            assert len(words) == 1, f"keep word {w!r} is not a single pre-token"
            out.append(words[0])
    return list(dict.fromkeys(out))


# Always in the vocab, seen in training or not: printable ASCII (lowercase) and common symbols.
BASE_CHARS = normalize("".join(chr(c) for c in range(0x21, 0x7F)) + "“”‘’–—…•°±×÷½¼¾€£¥¢§©®™¿¡«»·")


def train_vocab(texts: list[str], size: int, keep: list[str], min_pair: int = 2) -> list[str]:
    """BPE-style merge learning (as the HF WordPiece trainer does), most frequent pair first.

    Vocab order: specials, word-initial chars, '##' chars, keep words, learned pieces.
    """
    counts = Counter(w for t in texts for w in words_of(t))
    chars = sorted({c for w in counts for c in w} | set(BASE_CHARS))
    vocab = SPECIALS + chars + [PREFIX + c for c in chars]
    vocab += [w for w in keep if w not in set(vocab)]
    have = set(vocab)

    words = [[w[0]] + [PREFIX + c for c in w[1:]] for w in counts]
    freqs = list(counts.values())
    pairs: Counter = Counter()
    where: dict[tuple, set] = defaultdict(set)
    for i, sym in enumerate(words):
        for a, b in zip(sym, sym[1:]):
            pairs[(a, b)] += freqs[i]
            where[(a, b)].add(i)
    heap = [(-n, p) for p, n in pairs.items()]
    heapq.heapify(heap)

    while len(vocab) < size and heap:
        n, pair = heapq.heappop(heap)
        if -n != pairs.get(pair, 0):
            continue  # stale heap entry
        if -n < min_pair:
            break
        a, b = pair
        new = a + b[len(PREFIX):]
        if new not in have:
            vocab.append(new)
            have.add(new)
        touched = Counter()
        for i in list(where.pop(pair, ())):
            sym, f = words[i], freqs[i]
            for x, y in zip(sym, sym[1:]):          # remove old pair counts of this word
                pairs[(x, y)] -= f
                touched[(x, y)] += 0
            merged, j = [], 0
            while j < len(sym):
                if j + 1 < len(sym) and sym[j] == a and sym[j + 1] == b:
                    merged.append(new)
                    j += 2
                else:
                    merged.append(sym[j])
                    j += 1
            words[i] = merged
            for x, y in zip(merged, merged[1:]):    # add new pair counts
                pairs[(x, y)] += f
                where[(x, y)].add(i)
                touched[(x, y)] += 0
        pairs.pop(pair, None)
        for p in touched:
            if pairs.get(p, 0) > 0:
                heapq.heappush(heap, (-pairs[p], p))
            else:
                pairs.pop(p, None)
    return vocab


def glove_words(vocab: list[str], n: int) -> list[str]:
    """The n most frequent plain words (a-z, 2-20 letters) of the GloVe vectors not in vocab."""
    from embeddings import load  # numpy; only when asked for
    have, out = set(vocab), []
    for w in load()[0]:
        if len(out) >= n:
            break
        if 2 <= len(w) <= 20 and w.isascii() and w.isalpha() and w not in have:
            out.append(w)
    return out


def tokenizer_json(vocab: list[str]) -> dict:
    ids = {t: i for i, t in enumerate(vocab)}
    special = lambda t: {"SpecialToken": {"id": t, "type_id": 0}}  # noqa: E731
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for i, t in enumerate(SPECIALS)],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": True, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, special("[SEP]")],
            "pair": [special("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, special("[SEP]"),
                     {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": PREFIX, "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": PREFIX,
                  "max_input_chars_per_word": 100, "vocab": ids},
    }


TOKENIZER_CONFIG = {
    "tokenizer_class": "BertTokenizer",
    "do_lower_case": True,
    "strip_accents": None,
    "tokenize_chinese_chars": True,
    "model_max_length": MAX_LEN,
    "clean_up_tokenization_spaces": True,
    "pad_token": "[PAD]", "unk_token": "[UNK]", "cls_token": "[CLS]", "sep_token": "[SEP]",
    "mask_token": "[MASK]",
}

# Edge cases added to the JS parity check on top of sampled training texts.
TRICKY = [
    "Café CRÈME naïve résumé — “quotes” and ‘apostrophes’… ¿Qué pasó? ¡Ayúdeme!",
    "BP 180/110, glucose 42mg/dl; temp 101.5°F @ 3am (!!) #help $20 ~ok^ `x` |y| <z> {w}",
    "我胸口很痛，呼吸困难。 Хочу записаться к врачу. أشعر بألم في صدري. Tôi bị đau ngực.",
    "emoji 💙🙏🏽 and zero\u200bwidth\u00a0nbsp\ttab\r\nnewline\x07bell\ufeffbom",
    "literal [CLS] and [SEP] and [MASK] tokens [UNK] [pad]",
    "İstanbul ΣΊΣΥΦΟΣ straße ﬁne ½ ² ℃ ｆｕｌｌｗｉｄｔｈ",
    "supercalifragilisticexpialidocious" * 4,
    " ".join(["very long message about my refill and the pharmacy"] * 40),
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vocab-size", type=int, default=7000)
    ap.add_argument("--glove-words", type=int, default=13000,
                    help="also keep this many frequent English words whole (0: corpus pieces only)")
    ap.add_argument("--check-count", type=int, default=200)
    args = ap.parse_args()

    train = load_split("train")
    texts = [message_text(r) for r in train]
    vocab = train_vocab(texts, args.vocab_size, load_keep_words())
    if args.glove_words:
        vocab += glove_words(vocab, args.glove_words)
    OUT.mkdir(parents=True, exist_ok=True)
    write_json(OUT / "tokenizer.json", tokenizer_json(vocab))
    write_json(OUT / "tokenizer_config.json", TOKENIZER_CONFIG)

    tok = Tokenizer({t: i for i, t in enumerate(vocab)})
    lens = sorted(len(tok.encode(t, truncate=False)) for t in texts)
    n_unk = sum(tok.encode(t).count(UNK) for t in texts)
    print(f"vocab {len(vocab)} (target {args.vocab_size}); train tokens/message median {lens[len(lens)//2]}, "
          f"p99 {lens[int(len(lens)*.99)]}, max {lens[-1]}; >{MAX_LEN}: {sum(n > MAX_LEN for n in lens)}; "
          f"[UNK] {n_unk}")

    sample = rng("tokcheck").sample(texts, min(args.check_count, len(texts))) + TRICKY
    write_json(ART / "tokenizer_check.json", [{"text": t, "ids": tok.encode(t)} for t in sample])


if __name__ == "__main__":
    main()
