"""ONNX helpers: weight-only int8 quantization with the `onnx` package, and loading
(dequantized) ONNX weights back into the torch model as a reference runtime."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper

from model import ModelConfig, TriageModel


def quantize_weights(src: Path, dst: Path, min_elems: int = 4096) -> list[str]:
    """Store every large float initializer that only feeds MatMul (as the weight) or
    Gather (as the table) as symmetric per-channel int8 + float scale + int8 zero point,
    and insert a DequantizeLinear node that recreates the original tensor name."""
    m = onnx.load(str(src))
    g = m.graph
    uses: dict[str, list[tuple[str, int]]] = {}
    for node in g.node:
        for k, name in enumerate(node.input):
            uses.setdefault(name, []).append((node.op_type, k))
    keep, dq_nodes, done = [], [], []
    for init in g.initializer:
        w = numpy_helper.to_array(init)
        u = uses.get(init.name, [])
        is_matmul = bool(u) and all(op == "MatMul" and k == 1 for op, k in u) and w.ndim == 2
        is_gather = bool(u) and all(op == "Gather" and k == 0 for op, k in u) and w.ndim == 2
        if w.dtype != np.float32 or w.size < min_elems or not (is_matmul or is_gather):
            keep.append(init)
            continue
        axis = 1 if is_matmul else 0          # per output column / per embedding row
        amax = np.abs(w).max(axis=1 - axis)
        scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
        shape = (1, -1) if axis == 1 else (-1, 1)
        q = np.clip(np.rint(w / scale.reshape(shape)), -127, 127).astype(np.int8)
        keep += [numpy_helper.from_array(q, init.name + "_quantized"),
                 numpy_helper.from_array(scale, init.name + "_scale"),
                 numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), init.name + "_zero_point")]
        dq_nodes.append(helper.make_node(
            "DequantizeLinear", [init.name + "_quantized", init.name + "_scale", init.name + "_zero_point"],
            [init.name], name=init.name + "_DequantizeLinear", axis=axis))
        done.append(init.name)
    del g.initializer[:]
    g.initializer.extend(keep)
    nodes = dq_nodes + list(g.node)       # DQ nodes first keeps the graph topologically sorted
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m)
    onnx.save(m, str(dst))
    return done


def onnx_weights(path: Path) -> dict[str, np.ndarray]:
    """All float tensors of an ONNX file by original name, int8 ones dequantized."""
    m = onnx.load(str(path))
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    out = {k: v for k, v in inits.items() if v.dtype == np.float32}
    for node in m.graph.node:
        if node.op_type == "DequantizeLinear":
            q, s, z = (inits[n] for n in node.input)
            axis = next((a.i for a in node.attribute if a.name == "axis"), 1)
            shape = [1] * q.ndim
            shape[axis] = -1
            out[node.output[0]] = ((q.astype(np.float32) - z.reshape(shape)) * s.reshape(shape)).astype(np.float32)
    return out


def torch_from_onnx(path: Path, config: dict) -> TriageModel:
    """The torch model with exactly the weights stored in an ONNX file (reference runtime)."""
    model = TriageModel(ModelConfig(**config))
    w = onnx_weights(path)
    state = model.state_dict()
    # The exporter stores identical constant tensors once (e.g. an untrained bias of zeros and
    # a LayerNorm bias); a missing constant parameter keeps the (equal) value it was built with.
    missing = [k for k in state if k not in w and not k.startswith("mlm_")
               and not (state[k].numel() and bool((state[k] == state[k].flatten()[0]).all()))]
    if missing:
        raise SystemExit(f"{path.name}: weights not found in ONNX: {missing[:5]}")
    for k in state:
        if k in w:
            state[k] = torch.from_numpy(w[k].copy())
    model.load_state_dict(state)
    return model.eval()
