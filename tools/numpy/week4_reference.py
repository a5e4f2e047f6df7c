"""Reference figures for week4 (c2w1), from the original notebooks' own code.

Run from anywhere (NumPy and scikit-learn installed):

    python3 tools/numpy/week4_reference.py          # quick figures only
    python3 tools/numpy/week4_reference.py --full   # also the 15 000-iteration runs (~20 s)

It prints the figures that tests/fidelity_week4.rs checks the Rust reference
solutions against (solutions/week4/*.rs): the initialisers' notebook outputs,
the first 1000 iterations of the Initialization notebook's model with He
initialisation (and the first steps with zeros and random ×10), the
Regularization notebook's test-case outputs, and the Gradient Checking
notebook's differences. The functions below are the original notebooks' and
their init_utils.py / reg_utils.py / gc_utils.py helpers, trimmed to what the
figures need; `np.errstate` only silences the warnings of the random ×10 run.
"""
import sys

import numpy as np
import sklearn.datasets


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


# --- Initialization (init_utils.py and the notebook) -------------------------

def forward_propagation(X, parameters):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ["W1", "b1", "W2", "b2", "W3", "b3"])
    z1 = np.dot(W1, X) + b1
    a1 = relu(z1)
    z2 = np.dot(W2, a1) + b2
    a2 = relu(z2)
    z3 = np.dot(W3, a2) + b3
    a3 = sigmoid(z3)
    return a3, (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)


def backward_propagation(X, Y, cache):
    m = X.shape[1]
    (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3) = cache
    dz3 = 1. / m * (a3 - Y)
    dW3 = np.dot(dz3, a2.T)
    db3 = np.sum(dz3, axis=1, keepdims=True)
    da2 = np.dot(W3.T, dz3)
    dz2 = np.multiply(da2, np.int64(a2 > 0))
    dW2 = np.dot(dz2, a1.T)
    db2 = np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(W2.T, dz2)
    dz1 = np.multiply(da1, np.int64(a1 > 0))
    dW1 = np.dot(dz1, X.T)
    db1 = np.sum(dz1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def update_parameters(parameters, grads, learning_rate):
    for k in range(len(parameters) // 2):
        parameters["W" + str(k + 1)] = parameters["W" + str(k + 1)] - learning_rate * grads["dW" + str(k + 1)]
        parameters["b" + str(k + 1)] = parameters["b" + str(k + 1)] - learning_rate * grads["db" + str(k + 1)]
    return parameters


def compute_loss(a3, Y):
    m = Y.shape[1]
    with np.errstate(all="ignore"):
        logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1. / m * np.nansum(logprobs)


def accuracy(X, Y, parameters):
    a3, _ = forward_propagation(X, parameters)
    return np.mean((a3 > 0.5).astype(int)[0, :] == Y[0, :])


def load_dataset():
    np.random.seed(1)
    train_X, train_Y = sklearn.datasets.make_circles(n_samples=300, noise=.05)
    np.random.seed(2)
    test_X, test_Y = sklearn.datasets.make_circles(n_samples=100, noise=.05)
    return train_X.T, train_Y.reshape((1, -1)), test_X.T, test_Y.reshape((1, -1))


def initialize_parameters_zeros(layers_dims):
    p = {}
    for l in range(1, len(layers_dims)):
        p["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        p["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return p


def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    p = {}
    for l in range(1, len(layers_dims)):
        p["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        p["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return p


def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    p = {}
    for l in range(1, len(layers_dims)):
        p["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2. / layers_dims[l - 1])
        p["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return p


INITIALISERS = {"zeros": initialize_parameters_zeros, "random": initialize_parameters_random,
                "he": initialize_parameters_he}


def model(X, Y, learning_rate, num_iterations, initialization, every):
    """The notebook's model, with the loss recorded every `every` iterations."""
    parameters = INITIALISERS[initialization]([X.shape[0], 10, 5, 1])
    costs = []
    for i in range(num_iterations):
        a3, cache = forward_propagation(X, parameters)
        cost = compute_loss(a3, Y)
        grads = backward_propagation(X, Y, cache)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % every == 0:
            costs.append(cost)
    return parameters, costs


# --- Regularization (reg_utils.py and the notebook) --------------------------

def forward_propagation_with_dropout(X, parameters, keep_prob):
    np.random.seed(1)
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ["W1", "b1", "W2", "b2", "W3", "b3"])
    A1 = relu(np.dot(W1, X) + b1)
    D1 = (np.random.rand(A1.shape[0], A1.shape[1]) < keep_prob).astype(int)
    A1 = A1 * D1 / keep_prob
    A2 = relu(np.dot(W2, A1) + b2)
    D2 = (np.random.rand(A2.shape[0], A2.shape[1]) < keep_prob).astype(int)
    A2 = A2 * D2 / keep_prob
    return sigmoid(np.dot(W3, A2) + b3)


def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T) + (lambd / m) * W3
    dZ2 = np.multiply(np.dot(W3.T, dZ3), np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) + (lambd / m) * W2
    dZ1 = np.multiply(np.dot(W2.T, dZ2), np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T) + (lambd / m) * W1
    return dW1, dW2, dW3


def regularization_figures():
    # compute_cost_with_regularization_test_case(), lambd = 0.1
    np.random.seed(1)
    Y = np.array([[1, 1, 0, 1, 0]])
    W1, _, W2, _, W3, _ = (np.random.randn(*s) for s in [(2, 3), (2, 1), (3, 2), (3, 1), (1, 3), (1, 1)])
    a3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    m = Y.shape[1]
    with np.errstate(all="ignore"):
        cross_entropy = 1. / m * np.nansum(np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y))
    l2 = (1 / m) * (0.1 / 2) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    print("compute_cost_with_regularization, notebook:", repr(cross_entropy + l2))
    # forward_propagation_with_dropout_test_case(), keep_prob = 0.7
    np.random.seed(1)
    X = np.random.randn(3, 5)
    P = {k: np.random.randn(*s) for k, s in
         [("W1", (2, 3)), ("b1", (2, 1)), ("W2", (3, 2)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1))]}
    print("forward_propagation_with_dropout, notebook A3:", forward_propagation_with_dropout(X, P, 0.7).tolist())
    # backward_propagation_with_regularization_test_case(): its cache is this
    # forward pass, typed in to 8 digits; lambd = 0.7
    _, cache = forward_propagation(X, P)
    dW1, dW2, dW3 = backward_propagation_with_regularization(X, np.array([[1, 1, 0, 1, 0]]), cache, 0.7)
    print("backward_propagation_with_regularization, notebook dW1:", dW1.tolist())
    print("  dW2:", dW2.tolist())
    print("  dW3:", dW3.tolist())


# --- Gradient Checking (gc_utils.py and the notebook) ------------------------

def gradient_check(x, theta, epsilon=1e-7):
    gradapprox = (theta + epsilon) * x - (theta - epsilon) * x
    gradapprox = gradapprox / (2 * epsilon)
    grad = x
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def forward_propagation_n(X, Y, parameters):
    m = X.shape[1]
    A3, _ = forward_propagation(X, parameters)
    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    return 1. / m * np.sum(log_probs)


def backward_propagation_n(X, Y, parameters, buggy):
    m = X.shape[1]
    _, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = forward_propagation(X, parameters)
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dZ2 = np.multiply(np.dot(W3.T, dZ3), np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) * (2 if buggy else 1)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.multiply(np.dot(W2.T, dZ2), np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = (4. if buggy else 1.) / m * np.sum(dZ1, axis=1, keepdims=True)
    return [dW1, db1, dW2, db2, dW3, db3]


KEYS = ["W1", "b1", "W2", "b2", "W3", "b3"]


def gradient_check_n(parameters, grads, X, Y, epsilon=1e-7):
    theta = np.concatenate([parameters[k].reshape((-1, 1)) for k in KEYS])
    grad = np.concatenate([g.reshape((-1, 1)) for g in grads])
    shapes = [parameters[k].shape for k in KEYS]

    def to_dict(t):
        out, start = {}, 0
        for k, s in zip(KEYS, shapes):
            out[k] = t[start:start + s[0] * s[1]].reshape(s)
            start += s[0] * s[1]
        return out

    gradapprox = np.zeros(theta.shape)
    for i in range(theta.shape[0]):
        tp = np.copy(theta)
        tp[i] = tp[i] + epsilon
        tm = np.copy(theta)
        tm[i] = tm[i] - epsilon
        gradapprox[i] = (forward_propagation_n(X, Y, to_dict(tp)) - forward_propagation_n(X, Y, to_dict(tm))) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_checking_figures():
    print("gradient_check(2, 4):", repr(gradient_check(2, 4)), " gradient_check(3, 4):", repr(gradient_check(3, 4)))
    # gradient_check_n_test_case()
    np.random.seed(1)
    x = np.random.randn(4, 3)
    y = np.array([1, 1, 0])
    P = {k: np.random.randn(*s) for k, s in
         [("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1))]}
    for buggy in (True, False):
        d = gradient_check_n(P, backward_propagation_n(x, y, P, buggy), x, y)
        print("gradient_check_n,", "buggy" if buggy else "fixed", "backward pass:", repr(d))


def main():
    print("initialize_parameters_random([3, 2, 1]) W1:", initialize_parameters_random([3, 2, 1])["W1"].tolist())
    print("initialize_parameters_he([2, 4, 1]):", {k: v.tolist() for k, v in initialize_parameters_he([2, 4, 1]).items()})
    train_X, train_Y, test_X, test_Y = load_dataset()
    for init, iterations, every in [("he", 1000, 100), ("zeros", 200, 50), ("random", 101, 100)]:
        _, costs = model(train_X, train_Y, 0.01, iterations, init, every)
        print(f"model {init}, {iterations} iterations, loss every {every}:", [repr(float(c)) for c in costs])
    regularization_figures()
    gradient_checking_figures()
    if "--full" in sys.argv:
        for init in ["zeros", "random", "he"]:
            parameters, costs = model(train_X, train_Y, 0.01, 15000, init, 1000)
            print(f"model {init}, 15000 iterations: train accuracy {accuracy(train_X, train_Y, parameters)!r},",
                  f"test accuracy {accuracy(test_X, test_Y, parameters)!r}, last loss {float(costs[-1])!r}")


if __name__ == "__main__":
    main()
