"""Week 8 (c4w2) in NumPy: an independent implementation of the residual
network's blocks (Keras Conv2D with TensorFlow's 'same' padding, BatchNormalization
on axis 3 with eps 0.001 in inference and training form), to confirm the
figures that solutions/week8/resnet.rs reproduces (tests/fidelity_week8.rs).

Run from the repository root (needs NumPy only):

    python3 tools/numpy/week8_resnet.py

Prints, for the original's identity_block cases (every kernel 1, bias 0,
X = three (1, 4, 4, 3) blocks of -1, 1, 3 stacked; BN mean 0, var 1, gamma 1,
beta 0), `A[:, (0, -1), :, :].mean(axis=3)`, computed in float64; then the
all-ones convolutional_block (f 2, filters [2, 4, 6], s 2) in both modes.
"""
import numpy as np

EPS = 0.001


def conv2d(x, w, b, stride, padding):
    """x (m, h, w, c_prev), w (f, f, c_prev, c), b (c,). 'same' as TensorFlow
    does with stride 1: f - 1 zeros in all, floor((f - 1) / 2) before, the
    rest (one more for an even f) after."""
    f = w.shape[0]
    if padding == "same":
        assert stride == 1
        before = (f - 1) // 2
        after = f - 1 - before
        x = np.pad(x, ((0, 0), (before, after), (before, after), (0, 0)))
    m, h, wd, _ = x.shape
    n_h = (h - f) // stride + 1
    n_w = (wd - f) // stride + 1
    out = np.zeros((m, n_h, n_w, w.shape[3]))
    for r in range(n_h):
        for c in range(n_w):
            window = x[:, r * stride:r * stride + f, c * stride:c * stride + f, :]
            out[:, r, c, :] = np.tensordot(window, w, axes=([1, 2, 3], [0, 1, 2]))
    return out + b


def batch_norm(x, gamma, beta, mean, var, training):
    if training:
        mean = x.mean(axis=(0, 1, 2))
        var = x.var(axis=(0, 1, 2))
    return (x - mean) / np.sqrt(var + EPS) * gamma + beta


def relu(x):
    return np.maximum(x, 0)


def ones_weights(f, c_prev, c):
    """A conv layer with every kernel 1 and bias 0, then a fresh BN layer."""
    return dict(w=np.ones((f, f, c_prev, c)), b=np.zeros(c), gamma=np.ones(c), beta=np.zeros(c),
                mean=np.zeros(c), var=np.ones(c))


def conv_bn(x, p, stride, padding, training):
    return batch_norm(conv2d(x, p["w"], p["b"], stride, padding), p["gamma"], p["beta"], p["mean"], p["var"], training)


def identity_block(x, f, filters, training):
    f1, f2, f3 = filters
    c = x.shape[3]
    shortcut = x
    x = relu(conv_bn(x, ones_weights(1, c, f1), 1, "valid", training))
    x = relu(conv_bn(x, ones_weights(f, f1, f2), 1, "same", training))
    x = conv_bn(x, ones_weights(1, f2, f3), 1, "valid", training)
    return relu(x + shortcut)


def convolutional_block(x, f, filters, s, training):
    f1, f2, f3 = filters
    c = x.shape[3]
    shortcut = conv_bn(x, ones_weights(1, c, f3), s, "valid", training)
    x = relu(conv_bn(x, ones_weights(1, c, f1), s, "valid", training))
    x = relu(conv_bn(x, ones_weights(f, f1, f2), 1, "same", training))
    x = conv_bn(x, ones_weights(1, f2, f3), 1, "valid", training)
    return relu(x + shortcut)


def main():
    np.set_printoptions(precision=10, linewidth=150)
    x1 = np.ones((1, 4, 4, 3)) * -1
    x2 = np.ones((1, 4, 4, 3)) * 1
    x3 = np.ones((1, 4, 4, 3)) * 3
    x = np.concatenate((x1, x2, x3), axis=0)
    for f, filters, training in [(2, [4, 4, 3], False), (3, [3, 3, 3], True), (2, [3, 3, 3], True)]:
        a = identity_block(x, f, filters, training)
        print(f"identity_block f {f} filters {filters} training={training}: A[:, (0, -1), :, :].mean(axis=3)")
        print(a[:, (0, -1), :, :].mean(axis=3))
    for training in [False, True]:
        a = convolutional_block(x, 2, [2, 4, 6], 2, training)
        print(f"convolutional_block all ones, f 2, filters [2, 4, 6], s 2, training={training}: shape {a.shape}")
        print("A[:, 0, 0] =", a[:, 0, 0])
        print("A[:, 1, 1] =", a[:, 1, 1])


if __name__ == "__main__":
    main()
