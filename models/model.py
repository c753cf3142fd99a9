"""A small BERT-shaped encoder (post-LN, GELU) with urgency + category heads.

Linear weights are stored as [in, out] and applied with `x @ W + b`, so in the
exported ONNX graph every weight initializer keeps its parameter name and feeds a
MatMul directly (which the int8 quantizer and evaluate.py rely on).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

N_URGENCY, N_CATEGORY = 3, 6


@dataclass
class ModelConfig:
    vocab_size: int = 7000
    hidden_size: int = 128
    num_hidden_layers: int = 3
    num_attention_heads: int = 4
    intermediate_size: int = 512
    max_position_embeddings: int = 256
    type_vocab_size: int = 2
    dropout: float = 0.1
    # also pool the (non-contextual) input embeddings into the classifier: a
    # fastText-like shortcut that learns quickly from little data
    pool_inputs: bool = True
    # "wide & deep": a linear bag-of-words part (one weight per token and output,
    # summed over the message) added to the encoder's logits. It learns the red-flag
    # and topic words from few examples; the encoder supplies context (negation, whose
    # symptom, past or hypothetical) on top of it.
    bow: bool = False
    # hashed token-bigram buckets of the bag-of-words part (0: unigrams only)
    bow_bigram_buckets: int = 0
    # pretrained word vectors (embeddings.py): during training every token's input embedding is
    # its own learned vector plus a learned projection of its fixed GloVe vector (zeros for pieces),
    # and its bag-of-words weights likewise; words never seen in training thus still carry their
    # pretrained meaning. fold_glove() merges both into plain matrices before export, so the
    # exported model is an ordinary BERT-shaped graph.
    glove_dim: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


# Debian's torch links the reference BLAS (~4 GFLOPS), while its oneDNN 1x1
# convolution is several times faster; training therefore runs every Dense layer
# as a 1x1 conv. Export (and evaluation) use the plain MatMul form.
FAST_CONV = True


class Dense(nn.Module):
    def __init__(self, d_in: int, d_out: int):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(d_in, d_out).normal_(0, 0.02))
        self.bias = nn.Parameter(torch.zeros(d_out))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if FAST_CONV and not torch.jit.is_tracing():
            d_in, d_out = self.weight.shape
            flat = x.reshape(-1, d_in, 1, 1)
            y = F.conv2d(flat, self.weight.t().reshape(d_out, d_in, 1, 1), self.bias)
            return y.view(*x.shape[:-1], d_out)
        return torch.matmul(x, self.weight) + self.bias


def _conv_attention(q, k, v, bias, drop):
    """softmax(q k^T + bias) v as two grouped 1x1 convolutions (one group per
    batch x head); same maths as the MatMul path, 2-3x faster here at every length
    (the reference-BLAS batched matmul was the slowest op of a training step)."""
    b, nh, n, d = q.shape
    g = b * nh
    x = q.reshape(g, n, d).transpose(1, 2).reshape(1, g * d, n, 1)
    s = F.conv2d(x, k.reshape(g * n, d, 1, 1), groups=g).view(b, nh, n, n)  # [.., key j, query i]
    s = s + bias.view(b, 1, n, 1)
    p = drop(s.softmax(2)).view(1, g * n, n, 1)
    w = v.reshape(g, n, d).transpose(1, 2).reshape(g * d, n, 1, 1)
    return F.conv2d(p, w, groups=g).view(b, nh, d, n).transpose(2, 3)


class Layer(nn.Module):
    """One post-LN transformer block, as in BERT."""

    def __init__(self, c: ModelConfig):
        super().__init__()
        self.heads = c.num_attention_heads
        self.head_dim = c.hidden_size // c.num_attention_heads
        self.qkv = Dense(c.hidden_size, 3 * c.hidden_size)
        self.attn_out = Dense(c.hidden_size, c.hidden_size)
        self.ln1 = nn.LayerNorm(c.hidden_size, eps=1e-12)
        self.ffn_in = Dense(c.hidden_size, c.intermediate_size)
        self.ffn_out = Dense(c.intermediate_size, c.hidden_size)
        self.ln2 = nn.LayerNorm(c.hidden_size, eps=1e-12)
        self.drop = nn.Dropout(c.dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, n, h = x.shape
        q, k, v = self.qkv(x).view(b, n, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        if FAST_CONV and not torch.jit.is_tracing():
            ctx = _conv_attention(q / math.sqrt(self.head_dim), k, v, bias, self.drop)
        else:
            scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim) + bias
            ctx = torch.matmul(self.drop(scores.softmax(-1)), v)
        ctx = ctx.transpose(1, 2).reshape(b, n, h)
        x = self.ln1(x + self.drop(self.attn_out(ctx)))
        return self.ln2(x + self.drop(self.ffn_out(F.gelu(self.ffn_in(x)))))


class TriageModel(nn.Module):
    def __init__(self, c: ModelConfig):
        super().__init__()
        self.config = c
        h = c.hidden_size
        self.word_embeddings = nn.Embedding(c.vocab_size, h)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, h)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, h)
        for e in (self.word_embeddings, self.position_embeddings, self.token_type_embeddings):
            nn.init.normal_(e.weight, 0, 0.02)
        self.emb_ln = nn.LayerNorm(h, eps=1e-12)
        # The sentence embedding (for reply-draft similarity, not for triage) is the mean of the
        # message's word embeddings (which start from GloVe), centred on the training messages'
        # mean (set by export.py) and L2-normalised. The mean of the last hidden states was tried
        # first: trained only to triage, it varies along about one direction (cosines of unrelated
        # messages near +1 or -1), so a mole question looked just like an anxiety message.
        self.register_buffer("emb_center", torch.zeros(h))
        self.drop = nn.Dropout(c.dropout)
        self.layers = nn.ModuleList(Layer(c) for _ in range(c.num_hidden_layers))
        # classifier: [mean-pool ; max-pool] -> tanh dense -> 9 logits (3 urgency + 6 category)
        self.pool_dense = Dense((4 if c.pool_inputs else 2) * h, h)
        self.classifier = Dense(h, N_URGENCY + N_CATEGORY)
        if c.bow:
            self.bow = nn.Embedding(c.vocab_size, N_URGENCY + N_CATEGORY)
            nn.init.zeros_(self.bow.weight)
            if c.bow_bigram_buckets:
                self.bow2 = nn.Embedding(c.bow_bigram_buckets, N_URGENCY + N_CATEGORY)
                nn.init.zeros_(self.bow2.weight)
        if c.glove_dim:
            self.register_buffer("glove", torch.zeros(c.vocab_size, c.glove_dim), persistent=False)
            self.glove_proj = nn.Parameter(torch.empty(c.glove_dim, h).normal_(0, 0.02))
            if c.bow:
                self.glove_bow = nn.Parameter(torch.zeros(c.glove_dim, N_URGENCY + N_CATEGORY))
        # masked-LM head (pretraining only; tied to the word embeddings, not exported)
        self.mlm_dense = Dense(h, h)
        self.mlm_ln = nn.LayerNorm(h, eps=1e-12)
        self.mlm_bias = nn.Parameter(torch.zeros(c.vocab_size))

    def encode(self, input_ids, attention_mask, token_type_ids, with_inputs: bool = False):
        n = input_ids.shape[1]
        pos = torch.arange(n, device=input_ids.device).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.position_embeddings(pos) + self.glove_part(input_ids) \
            + self.token_type_embeddings(token_type_ids)
        x = e = self.drop(self.emb_ln(x))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return (x, e) if with_inputs else x

    def forward(self, input_ids, attention_mask, token_type_ids):
        """Returns (logits [B, 9], sentence_embedding [B, H]: centred, L2-normalised mean of the word embeddings)."""
        x, e = self.encode(input_ids, attention_mask, token_type_ids, with_inputs=True)
        m = attention_mask.unsqueeze(-1).to(x.dtype)
        n = m.sum(1).clamp(min=1.0)
        mean = (x * m).sum(1) / n
        feats = [mean, (x * m + (m - 1.0) * 10000.0).max(dim=1).values]
        if self.config.pool_inputs:
            feats += [(e * m).sum(1) / n, (e * m + (m - 1.0) * 10000.0).max(dim=1).values]
        pooled = self.drop(torch.tanh(self.pool_dense(torch.cat(feats, -1))))
        logits = self.classifier(pooled)
        if self.config.bow:
            logits = logits + self.bow_logits(input_ids, m)
        return logits, F.normalize(self.word_mean(input_ids, m) - self.emb_center, dim=-1)

    def glove_part(self, input_ids: torch.Tensor, proj: str = "glove_proj"):
        if not self.config.glove_dim:
            return 0.0
        return torch.matmul(F.embedding(input_ids, self.glove), getattr(self, proj))

    def set_glove(self, vectors) -> None:
        """Load the fixed [vocab, glove_dim] vectors; tokens that have one start with a zero own
        vector, so that at first a known word is exactly its pretrained meaning."""
        g = torch.as_tensor(vectors, dtype=torch.float32)
        self.glove.copy_(g)
        with torch.no_grad():
            self.word_embeddings.weight[g.abs().sum(1) > 0] = 0.0

    @torch.no_grad()
    def fold_glove(self) -> None:
        """Merge the GloVe parts into word_embeddings / bow (same outputs) and drop them."""
        if not self.config.glove_dim:
            return
        self.word_embeddings.weight += self.glove @ self.glove_proj
        if self.config.bow:
            self.bow.weight += self.glove @ self.glove_bow
            del self.glove_bow
        del self.glove_proj, self.glove
        self.config.glove_dim = 0

    def word_mean(self, input_ids: torch.Tensor, m: torch.Tensor) -> torch.Tensor:
        """Mean of the word embeddings over the message's tokens [B, H] (m: mask [B, N, 1])."""
        w = self.word_embeddings(input_ids) + self.glove_part(input_ids)
        return (w * m).sum(1) / m.sum(1).clamp(min=1.0)

    def bow_logits(self, input_ids: torch.Tensor, m: torch.Tensor) -> torch.Tensor:
        """Linear bag of words: sum of per-token (and per hashed token-bigram) weights.
        m is the attention mask as float [B, N, 1]."""
        out = ((self.bow(input_ids) + self.glove_part(input_ids, "glove_bow")) * m).sum(1)
        if self.config.bow_bigram_buckets:
            h = torch.remainder(input_ids[:, :-1] * 7919 + input_ids[:, 1:], self.config.bow_bigram_buckets)
            out = out + (self.bow2(h) * (m[:, :-1] * m[:, 1:])).sum(1)
        return out

    def mlm_logits(self, x: torch.Tensor) -> torch.Tensor:
        """Vocabulary logits for hidden states x [M, H] (only the masked positions)."""
        x = self.mlm_ln(F.gelu(self.mlm_dense(x)))
        w = self.word_embeddings.weight
        return F.conv2d(x.reshape(-1, w.shape[1], 1, 1), w[:, :, None, None], self.mlm_bias).flatten(1)


def n_params(model: nn.Module, exported_only: bool = True) -> int:
    skip = ("mlm_",) if exported_only else ()
    return sum(p.numel() for n, p in model.named_parameters() if not n.startswith(skip))
