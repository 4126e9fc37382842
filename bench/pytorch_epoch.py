"""Time one training epoch of the default autoencoder in PyTorch, the peer of `deno task bench`.

Prints one JSON line: {"threads": T, "seconds": [...], "torch": version}.
Usage: python3 pytorch_epoch.py THREADS RUNS IMAGES_IDX
"""
import json
import sys
import time

import numpy as np
import torch


def read_images(path):
    with open(path, "rb") as f:
        data = f.read()
    count = int.from_bytes(data[4:8], "big")
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, -1)
    return torch.from_numpy(pixels.astype(np.float32) / 255.0)


def build_model(size):
    return torch.nn.Sequential(
        torch.nn.Linear(size, 512), torch.nn.ELU(),
        torch.nn.Linear(512, 128), torch.nn.ELU(),
        torch.nn.Linear(128, 2),
        torch.nn.Linear(2, 128), torch.nn.ELU(),
        torch.nn.Linear(128, 512), torch.nn.ELU(),
        torch.nn.Linear(512, size), torch.nn.Sigmoid(),
    )


def time_epoch(images, batch_size):
    model = build_model(images.shape[1])
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = torch.nn.MSELoss()
    order = torch.randperm(images.shape[0])
    start = time.perf_counter()
    for first in range(0, images.shape[0], batch_size):
        batch = images[order[first:first + batch_size]]
        optimizer.zero_grad()
        loss = loss_fn(model(batch), batch)
        loss.backward()
        optimizer.step()
    return time.perf_counter() - start


def main():
    threads, runs, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    images = read_images(path)
    seconds = [time_epoch(images, 128) for _ in range(runs)]
    print(json.dumps({"threads": threads, "seconds": seconds, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
