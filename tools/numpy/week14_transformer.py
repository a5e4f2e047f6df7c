"""Week 14 (c5w4) in NumPy: an independent implementation of the transformer
encoder pieces (get_angles, positional encoding, scaled dot-product attention
in the 2023 mask convention, multi-head self-attention with contiguous heads,
layer normalisation with eps 1e-6, the feed-forward network, the encoder
layer), to confirm the figures that solutions/week14/transformer.rs
reproduces (tests/fidelity_week14.rs).

Run from the repository root (needs NumPy only):

    python3 tools/numpy/week14_transformer.py

Prints the notebook's attention figures (no mask; the third key masked), the
get_angles example's last row, and the encoder layer's output on the fixed
weights of the fidelity test (entries scale * sin(index + phase)), 17 digits.
"""
import numpy as np

EPS = 1e-6


def get_angles(pos, k, d):
    i = k // 2
    return pos[:, None] / np.power(10000.0, (2 * i)[None, :] / d)


def sdpa(q, k, v, mask=None):
    scores = q @ k.T / np.sqrt(k.shape[1])
    if mask is not None:
        scores = scores + (1.0 - mask) * -1e9
    scores = scores - scores.max(axis=1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=1, keepdims=True)
    return w @ v, w


def mha(x, p, heads, mask):
    d = x.shape[1]
    depth = d // heads
    q, k, v = x @ p["wq"] + p["bq"], x @ p["wk"] + p["bk"], x @ p["wv"] + p["bv"]
    outs = [sdpa(q[:, h * depth:(h + 1) * depth], k[:, h * depth:(h + 1) * depth],
                 v[:, h * depth:(h + 1) * depth], mask)[0] for h in range(heads)]
    return np.concatenate(outs, axis=1) @ p["wo"] + p["bo"]


def layer_norm(x, g, b, eps=EPS):
    mean = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * g + b


def encoder_layer(x, p, heads, mask):
    out1 = layer_norm(x + mha(x, p, heads, mask), p["gamma1"], p["beta1"])
    ffn = np.maximum(out1 @ p["w1"] + p["b1"], 0.0) @ p["w2"] + p["b2"]
    return layer_norm(out1 + ffn, p["gamma2"], p["beta2"])


def fixed(rows, cols, phase, scale):
    return scale * np.sin(np.arange(rows * cols, dtype=float).reshape(rows, cols) + phase)


def fixed1(n, phase, scale):
    return scale * np.sin(np.arange(n, dtype=float) + phase)


np.set_printoptions(precision=17)
print("get_angles example last row:", get_angles(np.arange(4.0), np.arange(8), 8)[3])
q = np.array([[1, 0, 1, 1], [0, 1, 1, 1], [1, 0, 0, 1]], dtype=float)
k = np.array([[1, 1, 0, 1], [1, 0, 1, 1], [0, 1, 1, 0], [0, 0, 0, 1]], dtype=float)
v = np.array([[0, 0], [1, 0], [1, 0], [1, 1]], dtype=float)
for mask in (None, np.array([[1.0, 1.0, 0.0, 1.0]])):
    out, w = sdpa(q, k, v, mask)
    print("attention mask", None if mask is None else mask.tolist())
    print(" weights", w.tolist())
    print(" output", out.tolist())

d, dff = 4, 6
p = {
    "wq": fixed(d, d, 1.0, 0.5), "bq": fixed1(d, 2.0, 0.1),
    "wk": fixed(d, d, 3.0, 0.5), "bk": fixed1(d, 4.0, 0.1),
    "wv": fixed(d, d, 5.0, 0.5), "bv": fixed1(d, 6.0, 0.1),
    "wo": fixed(d, d, 7.0, 0.5), "bo": fixed1(d, 8.0, 0.1),
    "gamma1": fixed1(d, 9.0, 0.1) + 1.0, "beta1": fixed1(d, 10.0, 0.1),
    "w1": fixed(d, dff, 11.0, 0.5), "b1": fixed1(dff, 12.0, 0.1),
    "w2": fixed(dff, d, 13.0, 0.5), "b2": fixed1(d, 14.0, 0.1),
    "gamma2": fixed1(d, 15.0, 0.1) + 1.0, "beta2": fixed1(d, 16.0, 0.1),
}
x = fixed(3, d, 0.0, 1.0)
out = encoder_layer(x, p, 2, np.array([[1.0, 1.0, 0.0]]))
print("encoder_layer:", ", ".join(repr(float(t)) for t in out.ravel()))
