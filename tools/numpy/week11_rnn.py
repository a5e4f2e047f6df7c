"""Reference figures for week11 (c5w1, RNN step by step), in NumPy.

Run from anywhere (NumPy installed):

    python3 tools/numpy/week11_rnn.py

An independent NumPy run of the notebook's graded functions (written from the
2021+ notebook's formulas and rnn_utils' softmax), fed the notebook's draws in
the notebook's order (the forward tests draw Waa before Wax, the backward tests
Wax before Waa; the LSTM tests Wf, bf, Wi, bi, Wo, bo, Wc, bc, Wy, by). It
prints the figures that tests/fidelity_week11.rs checks against the
reference solution; every one equals the original's printed "Expected output"
(marked V in the curriculum's originals), so the script adds no new reference
value: it is the oracle that confirms them.
"""

import numpy as np


def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def rnn_cell_forward(xt, a_prev, p):
    a_next = np.tanh(p["Waa"] @ a_prev + p["Wax"] @ xt + p["ba"])
    yt = softmax(p["Wya"] @ a_next + p["by"])
    return a_next, yt, (a_next, a_prev, xt, p)


def rnn_forward(x, a0, p):
    n_x, m, t_x = x.shape
    n_y, n_a = p["Wya"].shape
    a, y, caches, a_next = np.zeros((n_a, m, t_x)), np.zeros((n_y, m, t_x)), [], a0
    for t in range(t_x):
        a_next, yt, cache = rnn_cell_forward(x[:, :, t], a_next, p)
        a[:, :, t], y[:, :, t] = a_next, yt
        caches.append(cache)
    return a, y, caches


def rnn_cell_backward(da_next, cache):
    a_next, a_prev, xt, p = cache
    dtanh = (1 - a_next**2) * da_next
    return {
        "dxt": p["Wax"].T @ dtanh,
        "dWax": dtanh @ xt.T,
        "da_prev": p["Waa"].T @ dtanh,
        "dWaa": dtanh @ a_prev.T,
        "dba": np.sum(dtanh, axis=1, keepdims=True),
    }


def rnn_backward(da, caches):
    n_a, m, t_x = da.shape
    n_x = caches[0][2].shape[0]
    dx = np.zeros((n_x, m, t_x))
    dWax, dWaa, dba = np.zeros((n_a, n_x)), np.zeros((n_a, n_a)), np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(t_x)):
        g = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        dx[:, :, t] = g["dxt"]
        dWax += g["dWax"]
        dWaa += g["dWaa"]
        dba += g["dba"]
        da_prevt = g["da_prev"]
    return dx, da_prevt, dWax, dWaa, dba


def lstm_cell_forward(xt, a_prev, c_prev, p):
    concat = np.concatenate((a_prev, xt))
    ft = sigmoid(p["Wf"] @ concat + p["bf"])
    it = sigmoid(p["Wi"] @ concat + p["bi"])
    cct = np.tanh(p["Wc"] @ concat + p["bc"])
    c_next = ft * c_prev + it * cct
    ot = sigmoid(p["Wo"] @ concat + p["bo"])
    a_next = ot * np.tanh(c_next)
    yt = softmax(p["Wy"] @ a_next + p["by"])
    return a_next, c_next, yt, (ft, it, cct, ot, xt)


def lstm_forward(x, a0, p):
    n_x, m, t_x = x.shape
    n_y, n_a = p["Wy"].shape
    a, c, y = np.zeros((n_a, m, t_x)), np.zeros((n_a, m, t_x)), np.zeros((n_y, m, t_x))
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(t_x):
        a_next, c_next, yt, _ = lstm_cell_forward(x[:, :, t], a_next, c_next, p)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
    return a, y, c


def forward_params(n_x, n_a, n_y):
    return dict(Waa=np.random.randn(n_a, n_a), Wax=np.random.randn(n_a, n_x),
                Wya=np.random.randn(n_y, n_a), ba=np.random.randn(n_a, 1), by=np.random.randn(n_y, 1))


def backward_params(n_x, n_a, n_y):
    return dict(Wax=np.random.randn(n_a, n_x), Waa=np.random.randn(n_a, n_a),
                Wya=np.random.randn(n_y, n_a), ba=np.random.randn(n_a, 1), by=np.random.randn(n_y, 1))


def lstm_params(n_x, n_a, n_y):
    p = {}
    for g in "fioc":
        p["W" + g] = np.random.randn(n_a, n_a + n_x)
        p["b" + g] = np.random.randn(n_a, 1)
    p["Wy"], p["by"] = np.random.randn(n_y, n_a), np.random.randn(n_y, 1)
    return p


np.set_printoptions(precision=12)
np.random.seed(1)
xt, a_prev = np.random.randn(3, 10), np.random.randn(5, 10)
a_next, yt, _ = rnn_cell_forward(xt, a_prev, forward_params(3, 5, 2))
print("rnn_cell_forward a_next[4] =", a_next[4], "\n  yt_pred[1] =", yt[1])

np.random.seed(1)
x, a0 = np.random.randn(3, 10, 4), np.random.randn(5, 10)
a, y, caches = rnn_forward(x, a0, forward_params(3, 5, 2))
print("rnn_forward a[4][1] =", a[4][1], "\n  y_pred[1][3] =", y[1][3], "\n  x[1][3] =", x[1][3])

np.random.seed(17)
x, a0 = np.random.randn(4, 8, 13), np.random.randn(7, 8)
a, y, _ = rnn_forward(x, a0, forward_params(4, 7, 3))
print("rnn_forward (public) a[5,2,2:6] =", a[5, 2, 2:6], "\n  y_pred[2,1,1:5] =", y[2, 1, 1:5])

np.random.seed(1)
xt, a_prev = np.random.randn(3, 10), np.random.randn(5, 10)
_, _, cache = rnn_cell_forward(xt, a_prev, backward_params(3, 5, 2))
g = rnn_cell_backward(np.random.randn(5, 10), cache)
print("rnn_cell_backward dxt[1][2] =", g["dxt"][1][2], "da_prev[2][3] =", g["da_prev"][2][3],
      "dWax[3][1] =", g["dWax"][3][1], "dWaa[1][2] =", g["dWaa"][1][2], "dba[4] =", g["dba"][4])

np.random.seed(1)
x, a0 = np.random.randn(3, 10, 4), np.random.randn(5, 10)
_, _, caches = rnn_forward(x, a0, backward_params(3, 5, 2))
dx, da0, dWax, dWaa, dba = rnn_backward(np.random.randn(5, 10, 4), caches)
print("rnn_backward dx[1][2] =", dx[1][2], "da0[2][3] =", da0[2][3], "dWax[3][1] =", dWax[3][1],
      "dWaa[1][2] =", dWaa[1][2], "dba[4] =", dba[4])

np.random.seed(1)
xt, a_prev, c_prev = np.random.randn(3, 10), np.random.randn(5, 10), np.random.randn(5, 10)
a_next, c_next, yt, _ = lstm_cell_forward(xt, a_prev, c_prev, lstm_params(3, 5, 2))
print("lstm_cell_forward a_next[4] =", a_next[4], "\n  c_next[2] =", c_next[2], "\n  yt[1] =", yt[1],
      "\n  c_next[3] =", c_next[3])

np.random.seed(212)
xt, a_prev, c_prev = np.random.randn(4, 8), np.random.randn(7, 8), np.random.randn(7, 8)
a_next, c_next, yt, (ft, it, cct, ot, _) = lstm_cell_forward(xt, a_prev, c_prev, lstm_params(4, 7, 3))
print("lstm_cell_forward (public) ft", ft[0, :2], "it", it[0, :2], "cct", cct[0, :2], "c_next", c_next[0, :2],
      "ot", ot[0, :2], "a_next", a_next[0, :2], "\n  y_pred[1] =", yt[1])

np.random.seed(1)
x, a0 = np.random.randn(3, 10, 7), np.random.randn(5, 10)
a, y, c = lstm_forward(x, a0, lstm_params(3, 5, 2))
print("lstm_forward a[4][3][6] =", a[4][3][6], "y[1][4][3] =", y[1][4][3], "c[1][2][1] =", c[1][2][1],
      "\n  x[1][1] =", x[1][1])

np.random.seed(45)
x, a0 = np.random.randn(4, 13, 16), np.random.randn(3, 13)
a, y, c = lstm_forward(x, a0, lstm_params(4, 3, 2))
print("lstm_forward (public) a[2,1,4:6] =", a[2, 1, 4:6], "c[2,1,4:6] =", c[2, 1, 4:6], "y[1,1,4:6] =", y[1, 1, 4:6])
