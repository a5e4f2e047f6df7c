"""Week 5 (c2w2) in NumPy: an independent implementation of the original
optimization notebook's model (opt_utils' 3-layer network [n_x, 5, 2, 1],
He-style initialisation sqrt(2 / n_prev) seeded with 3, mini-batches of 64
reshuffled every epoch with seed 10 + epoch + 1), to confirm the figures that
solutions/week5/optimization.rs reproduces.

Run from the repository root (needs NumPy and scikit-learn for make_moons):

    python3 tools/numpy/week5_optimization.py

Prints, for gd, momentum and Adam (5000 epochs, learning rate 0.0007) and
for the learning-rate decay runs (learning rate 0.1, 5000 epochs, with
update_lr and with schedule_lr_decay), the cost at epochs 0, 1000, ..., and
the training accuracy.
"""
import math

import numpy as np
import sklearn.datasets


def load_dataset():
    np.random.seed(3)
    train_X, train_Y = sklearn.datasets.make_moons(n_samples=300, noise=0.2)
    return train_X.T, train_Y.reshape((1, train_Y.shape[0]))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def initialize_parameters(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def forward_propagation(X, parameters):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
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
    dz3 = 1.0 / m * (a3 - Y)
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


def compute_cost(a3, Y):
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return np.sum(logprobs)


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    batches = []
    full = math.floor(m / mini_batch_size)
    for k in range(full):
        s = slice(k * mini_batch_size, (k + 1) * mini_batch_size)
        batches.append((shuffled_X[:, s], shuffled_Y[:, s]))
    if m % mini_batch_size != 0:
        s = slice(full * mini_batch_size, m)
        batches.append((shuffled_X[:, s], shuffled_Y[:, s]))
    return batches


def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            d = "d" + p + str(l)
            v[d] = beta * v[d] + (1 - beta) * grads[d]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v[d]
    return parameters, v


def initialize_adam(parameters):
    return initialize_velocity(parameters), initialize_velocity(parameters)


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            d = "d" + p + str(l)
            v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
            v_corrected = v[d] / (1 - beta1**t)
            s[d] = beta2 * s[d] + (1 - beta2) * np.square(grads[d])
            s_corrected = s[d] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)
    return parameters, v, s


def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))


def model(X, Y, layers_dims, optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9, beta1=0.9,
          beta2=0.999, epsilon=1e-8, num_epochs=5000, decay=None, decay_rate=1):
    t = 0
    seed = 10
    m = X.shape[1]
    learning_rate0 = learning_rate
    costs = []
    parameters = initialize_parameters(layers_dims)
    if optimizer == "momentum":
        v = initialize_velocity(parameters)
    elif optimizer == "adam":
        v, s = initialize_adam(parameters)
    for i in range(num_epochs):
        seed = seed + 1
        cost_total = 0
        for mini_X, mini_Y in random_mini_batches(X, Y, mini_batch_size, seed):
            a3, caches = forward_propagation(mini_X, parameters)
            cost_total += compute_cost(a3, mini_Y)
            grads = backward_propagation(mini_X, mini_Y, caches)
            if optimizer == "gd":
                parameters = update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
            elif optimizer == "adam":
                t = t + 1
                parameters, v, s = update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1,
                                                               beta2, epsilon)
        costs.append(cost_total / m)
        if decay:
            learning_rate = decay(learning_rate0, i, decay_rate)
    return parameters, costs


def accuracy(X, Y, parameters):
    a3, _ = forward_propagation(X, parameters)
    return float(np.mean((a3 > 0.5) == (Y > 0.5)))


def main():
    X, Y = load_dataset()
    dims = [X.shape[0], 5, 2, 1]
    runs = [
        ("gd", dict(optimizer="gd")),
        ("momentum", dict(optimizer="momentum", beta=0.9)),
        ("adam", dict(optimizer="adam")),
        ("gd + update_lr", dict(optimizer="gd", learning_rate=0.1, decay=update_lr)),
        ("gd + schedule_lr_decay", dict(optimizer="gd", learning_rate=0.1, decay=schedule_lr_decay)),
        ("momentum + schedule_lr_decay", dict(optimizer="momentum", learning_rate=0.1, decay=schedule_lr_decay)),
        ("adam + schedule_lr_decay", dict(optimizer="adam", learning_rate=0.01, decay=schedule_lr_decay)),
    ]
    for name, kw in runs:
        parameters, costs = model(X, Y, dims, **kw)
        shown = ", ".join(f"{i}: {costs[i]:.6f}" for i in range(0, 5000, 1000))
        print(f"{name}: accuracy {accuracy(X, Y, parameters)!r}; costs {shown}; epoch 4999: {costs[-1]!r}")


if __name__ == "__main__":
    main()
