"""Time numpy's PCA (covariance plus eigh) on the MNIST training images, the peer of `deno task bench`.

Prints one JSON line: {"seconds": [...], "trainMse": x, "numpy": version}.
Usage: python3 numpy_pca.py RUNS IMAGES_IDX
"""
import json
import sys
import time

import numpy as np


def read_images(path):
    with open(path, "rb") as f:
        data = f.read()
    count = int.from_bytes(data[4:8], "big")
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, -1)
    return pixels.astype(np.float32) / 255.0


def fit(images):
    mean = images.mean(axis=0)
    centred = images - mean
    covariance = centred.T @ centred / (images.shape[0] - 1)
    _, vectors = np.linalg.eigh(covariance)
    return mean, vectors[:, ::-1][:, :2]


def main():
    runs, path = int(sys.argv[1]), sys.argv[2]
    images = read_images(path)
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        mean, components = fit(images)
        seconds.append(time.perf_counter() - start)
    codes = (images - mean) @ components
    error = float(np.mean((images - mean - codes @ components.T) ** 2))
    print(json.dumps({"seconds": seconds, "trainMse": error, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
