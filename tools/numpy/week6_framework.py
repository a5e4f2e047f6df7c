"""Week 6 (c2w3) in NumPy: the original TensorFlow-introduction figures that
tests/fidelity_week6.rs checks the reference solution against, computed
independently of the Rust code.

Run from the repository root (needs NumPy only):

    python3 tools/numpy/week6_framework.py

Prints linear_function's Y (seed 1: X randn(3,1), W randn(4,3), b randn(4,1)),
sigmoid's float32 values at -1, 0, 12 (computed in float64 then cast, and
naively in float32), the one-hot columns, the per-example softmax
cross-entropy of the compute_total_loss test's logits with labels 5 and 0,
their sum and mean, the I3 test's total (3 ln 3), and the gradients of
f = ln(1 + exp(sigmoid(relu(W X + b)) * V)) at W = 1, b = -1, X = 2,
V = 0.5 (the tape_gradients "hand" case).
"""
import numpy as np

# linear_function
np.random.seed(1)
X = np.random.randn(3, 1)
W = np.random.randn(4, 3)
b = np.random.randn(4, 1)
print("linear_function Y =", (W @ X + b).ravel().tolist())

# sigmoid (float32)
for z in (-1.0, 0.0, 12.0):
    exact = np.float32(1.0 / (1.0 + np.exp(-np.float64(z))))
    naive = np.float32(1.0) / (np.float32(1.0) + np.exp(-np.float32(z)))
    print(f"sigmoid({z}) float32 = {exact!r}, naive float32 = {naive!r}")

# one_hot
print("one_hot(1, 4) =", np.eye(4)[:, [1]].ravel().tolist(), "one_hot([2], 4) =", np.eye(4)[:, [2]].ravel().tolist())

# compute_total_loss
logits = np.array([[2.4048107, 5.0334096], [-0.7921977, -4.1523376], [0.9447198, -0.46802214],
                   [1.158121, 3.9810789], [4.768706, 2.3220146], [6.1481323, 3.909829]])
labels = np.eye(6)[:, [5, 0]]
shifted = logits - logits.max(axis=0, keepdims=True)
log_softmax = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
per_example = -(labels * log_softmax).sum(axis=0)
print("per-example CE =", per_example.tolist(), "sum =", per_example.sum(), "mean =", per_example.mean())
logits = np.array([[1.0, 0.0, 0.0]] * 3)
log_softmax = logits - np.log(np.exp(logits).sum(axis=0, keepdims=True))
print("I3 test total =", -(np.eye(3) * log_softmax).sum(), "3 ln 3 =", 3 * np.log(3))

# tape_gradients "hand" case, by the chain rule written out
W, b, X, V = 1.0, -1.0, 2.0, 0.5
sig = lambda t: 1 / (1 + np.exp(-t))
z = W * X + b
h = max(z, 0.0)
s = sig(h)
u = s * V
f = np.log1p(np.exp(u))
df_du = sig(u)
df_dz = df_du * V * s * (1 - s) * (1.0 if z > 0 else 0.0)
print("hand f =", f, "dW =", df_dz * X, "db =", df_dz, "dX =", df_dz * W, "dV =", df_du * s)
