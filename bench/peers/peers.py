#!/usr/bin/python3
"""The peers a learner would otherwise use, measured on the same data as
bench/engine/engine_bench.cpp (read from its data directory): NumPy,
scikit-learn and PyTorch from Debian's packages. Prints one JSON object per line."""
import json
import sys
import time

data = sys.argv[1] if len(sys.argv) > 1 else "bench-data"


def best_ms(fn, runs=3):
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, (time.perf_counter() - t0) * 1e3)
    return best


def emit(**kw):
    print(json.dumps(kw), flush=True)


try:
    import numpy as np
except ImportError:
    np = None

if np is not None:
    x = np.load(f"{data}/pca.npy")
    try:
        from sklearn.decomposition import PCA

        holder = {}

        def sk():
            holder["p"] = PCA(n_components=50, svd_solver="randomized", random_state=0).fit(x)

        emit(name="pca_randomized", peer="scikit-learn PCA(svd_solver='randomized')", peer_ms=best_ms(sk),
             explained_variance=holder["p"].explained_variance_.tolist())
    except ImportError:
        pass

    def eigh():
        xc = x - x.mean(axis=0)
        c = (xc.T @ xc) / (x.shape[0] - 1)
        return np.linalg.eigh(c)

    emit(name="pca_exact", peer="numpy centre + covariance + eigh", peer_ms=best_ms(eigh))

    def loadtxt():
        np.loadtxt(f"{data}/glove.txt", usecols=range(1, 101), dtype=np.float32, comments=None)

    emit(name="glove_parse", peer="numpy.loadtxt", peer_ms=best_ms(loadtxt, runs=1))

try:
    import torch

    torch.manual_seed(0)
    n, d, h = 2048, 64, 4
    dk = d // h
    X = torch.randn(n, d, dtype=torch.float64)
    W = [torch.randn(d, d, dtype=torch.float64) / d ** 0.5 for _ in range(4)]

    def attention():
        q, k, v = X @ W[0], X @ W[1], X @ W[2]
        outs = []
        for i in range(h):
            s = slice(i * dk, (i + 1) * dk)
            a = torch.softmax(q[:, s] @ k[:, s].T / dk ** 0.5, dim=-1)
            ent = -(a * torch.log(a.clamp_min(1e-300))).sum(dim=-1)
            outs.append(a @ v[:, s])
        return torch.cat(outs, dim=1) @ W[3], ent

    emit(name="attention", peer=f"PyTorch {torch.__version__} CPU float64", peer_ms=best_ms(attention))
    t = torch.randn(10_000_000, dtype=torch.float32) * 3
    for fmt, dt in (("bf16", torch.bfloat16), ("fp16", torch.float16)):
        emit(name=f"convert_{fmt}", peer=f"torch .to({dt})", peer_ms=best_ms(lambda: t.to(dt)))
    for fmt in ("fp8_e4m3", "fp8_e5m2", "fp6_e2m3", "fp4_e2m1"):
        # Torch 1.13 has no 8-, 6- or 4-bit floats: the yardstick is 2x its bf16 cast.
        emit(name=f"convert_{fmt}", peer="2 x torch .to(bfloat16)", peer_ms=2 * best_ms(lambda: t.to(torch.bfloat16)))
except ImportError:
    pass
