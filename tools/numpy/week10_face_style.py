"""Week 10 (c4w4) in NumPy: the original notebooks' formulas, written as the
2021+ notebooks write them (in NumPy instead of TensorFlow), to confirm the
figures that solutions/week10/{face,style}.rs reproduce
(tests/fidelity_week10.rs).

Run from the repository root (needs NumPy only):

    python3 tools/numpy/week10_face_style.py

Prints:
- triplet_loss on the original's five literal cases (5, 1, 2, 0, 2);
- total_cost on the original's literal cases (34, 4.9) and the 2019
  notebook's np.random.seed(3) draws (35.34667875478276);
- gram_matrix of the literal A = [[1, -2], [0.5, 3], [-1, 4]];
- compute_content_cost and compute_layer_style_cost (unrolled as the
  original: reshape to (n_H*n_W, n_C), then transpose) on deterministic
  activations a = sin(k), b = cos(k), k = 0 .. 59, of shape (1, 3, 5, 4).
"""
import numpy as np


def triplet_loss(anchor, positive, negative, alpha):
    # One example per row, as the original's y_pred; reduce_sum(axis=-1).
    pos_dist = np.sum(np.square(anchor - positive), axis=-1)
    neg_dist = np.sum(np.square(anchor - negative), axis=-1)
    return np.sum(np.maximum(pos_dist - neg_dist + alpha, 0.0))


def total_cost(j_content, j_style, alpha=10, beta=40):
    return alpha * j_content + beta * j_style


def gram_matrix(a):
    return a @ a.T


def compute_content_cost(a_c, a_g):
    _, n_h, n_w, n_c = a_g.shape
    a_c_unrolled = a_c.reshape(1, n_h * n_w, n_c)
    a_g_unrolled = a_g.reshape(1, n_h * n_w, n_c)
    return np.sum(np.square(a_c_unrolled - a_g_unrolled)) / (4 * n_h * n_w * n_c)


def compute_layer_style_cost(a_s, a_g):
    _, n_h, n_w, n_c = a_g.shape
    a_s = a_s.reshape(n_h * n_w, n_c).T
    a_g = a_g.reshape(n_h * n_w, n_c).T
    gs, gg = gram_matrix(a_s), gram_matrix(a_g)
    return np.sum(np.square(gs - gg)) / (4 * n_c**2 * (n_h * n_w) ** 2)


print("triplet_loss literal cases:")
ones, zeros = np.array([[1.0, 1.0]]), np.array([[0.0, 0.0]])
print(" ", triplet_loss(ones, ones, ones, 5))
print(" ", triplet_loss(ones, ones, zeros, 3))
print(" ", triplet_loss(ones, zeros, ones, 0))
print(" ", triplet_loss(zeros, zeros, zeros, -2))
two = np.array([[1.0, 0.0], [1.0, 0.0]])
print(" ", triplet_loss(two, two, np.array([[0.0, 1.0], [0.0, 1.0]]), 3))

print("total_cost:")
print(" ", total_cost(0.2, 0.8))
print(" ", total_cost(0.3, 0.5, alpha=3, beta=8))
np.random.seed(3)
j_content = np.random.randn()
j_style = np.random.randn()
print("  seed 3 draws", repr(j_content), repr(j_style))
print("  J =", repr(total_cost(j_content, j_style)))

print("gram_matrix of the literal A:")
print(gram_matrix(np.array([[1.0, -2.0], [0.5, 3.0], [-1.0, 4.0]])))

k = np.arange(60.0)
a = np.sin(k).reshape(1, 3, 5, 4)
b = np.cos(k).reshape(1, 3, 5, 4)
print("compute_content_cost(sin, cos) =", repr(compute_content_cost(a, b)))
print("compute_layer_style_cost(sin, cos) =", repr(compute_layer_style_cost(a, b)))
print("compute_layer_style_cost(sin, sin) =", repr(compute_layer_style_cost(a, a)))
