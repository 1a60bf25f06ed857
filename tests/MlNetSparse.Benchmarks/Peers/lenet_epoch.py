"""One training epoch of the binarized LeNet-5 in PyTorch: the peer of the benchmark's "cnn" section.

The same network as the library's default (NetworkArchitecture.BinarizedLeNet5 on 28x28): conv 6@5x5 pad 2
-> batch norm -> sigma -> max-pool 2 -> conv 16@5x5 -> batch norm -> sigma -> max-pool 2 -> dense 120 ->
batch norm -> sigma -> dense 84 -> batch norm -> sigma -> dense 10, with sigma(z) = 1{z > 0} trained through
the clipped-ReLU coarse gradient 1{0 < z < 1}; softmax cross-entropy, SGD with momentum 0.9, weight decay
5e-4, learning rate 0.01, batches of 128, shuffled. The data: Fashion-MNIST's first ROWS training images
when the IDX file is given, else seeded uniform pixels (the same work).

Usage: python3 lenet_epoch.py ROWS THREADS [IMAGES.gz LABELS.gz]
Prints: seconds of the epoch (after one untimed warm-up batch), mean loss, the torch version.
"""
import gzip
import sys
import time

import numpy as np
import torch
from torch import nn


class ClippedStep(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        ctx.save_for_backward(z)
        return (z > 0).to(z.dtype)

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return grad * ((z > 0) & (z < 1)).to(grad.dtype)


class Sigma(nn.Module):
    def forward(self, z):
        return ClippedStep.apply(z)


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.BatchNorm2d(6), Sigma(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.BatchNorm2d(16), Sigma(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.BatchNorm1d(120), Sigma(),
        nn.Linear(120, 84), nn.BatchNorm1d(84), Sigma(),
        nn.Linear(84, 10))


def images(rows, image_file, label_file):
    if image_file:
        with gzip.open(image_file) as f:
            pixels = np.frombuffer(f.read(), dtype=np.uint8, offset=16)[: rows * 784]
        with gzip.open(label_file) as f:
            labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:rows]
        return torch.from_numpy(pixels.astype(np.float32) / 255).reshape(rows, 1, 28, 28), torch.from_numpy(labels.astype(np.int64))
    generator = np.random.default_rng(1)
    x = generator.random((rows, 1, 28, 28), dtype=np.float32)
    y = generator.integers(0, 10, rows)
    return torch.from_numpy(x), torch.from_numpy(y)


def main():
    rows, threads = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x, y = images(rows, *(sys.argv[3:5] if len(sys.argv) >= 5 else (None, None)))
    model = lenet()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    loss_function = nn.CrossEntropyLoss()
    model.train()

    def step(batch):
        optimizer.zero_grad(set_to_none=True)
        loss = loss_function(model(x[batch]), y[batch])
        loss.backward()
        optimizer.step()
        return loss.item()

    step(torch.arange(min(128, rows)))  # warm-up: allocations and kernel choice
    order = torch.randperm(rows)
    start = time.perf_counter()
    losses = [step(order[i:i + 128]) for i in range(0, rows, 128)]
    seconds = time.perf_counter() - start
    print(f"{seconds:.4f} {np.mean(losses):.4f} {torch.__version__}")


if __name__ == "__main__":
    main()
