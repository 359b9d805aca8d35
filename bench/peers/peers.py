#!/usr/bin/python3
"""The peers a learner would otherwise use, measured on the same data as
bench/engine/engine_bench.cpp (read from its data directory): NumPy,
scikit-learn and PyTorch from Debian's packages. Prints one JSON object per line.

Fairness: the same inputs (the .npy / .bin / .txt files the engine bench wrote),
the same dtype (float32 PCA, float64 attention, float64 → 16/8-bit conversion),
contiguous tensors, each library at its default thread count (reported), the
output allocated by the call as the library does it. Timing is the best of up
to three runs, fewer when a run takes seconds (as in the engine bench)."""
import json
import os
import sys
import time

data = sys.argv[1] if len(sys.argv) > 1 else "bench-data"
only = sys.argv[2] if len(sys.argv) > 2 else ""


def want(group):
    return not only or only == group


def best_ms(fn, runs=3, budget_ms=4000.0):
    best, spent = float("inf"), 0.0
    for i in range(runs):
        if i and spent >= budget_ms:
            break
        t0 = time.perf_counter()
        fn()
        ms = (time.perf_counter() - t0) * 1e3
        best, spent = min(best, ms), spent + ms
    return best


def emit(**kw):
    print(json.dumps(kw), flush=True)


try:
    import numpy as np
except ImportError:
    np = None

if np is not None and want("pca"):
    for tag in ("10000x300", "100000x300", "50000x768"):
        path = f"{data}/pca_{tag}.npy"
        if not os.path.exists(path):
            continue
        x = np.load(path)
        size = f"{tag} f32, top 50"
        try:
            from sklearn.decomposition import PCA

            holder = {}

            def sk():
                holder["p"] = PCA(n_components=50, svd_solver="randomized", random_state=0).fit(x)

            emit(name="pca_randomized", size=size, peer="scikit-learn PCA(svd_solver='randomized')", peer_ms=best_ms(sk),
                 explained_variance=holder["p"].explained_variance_.tolist())
        except ImportError:
            pass

        def eigh():
            xc = x - x.mean(axis=0)
            c = (xc.T @ xc) / (x.shape[0] - 1)
            return np.linalg.eigh(c)

        w = eigh()[0][::-1][:50]
        emit(name="pca_exact", size=size, peer="NumPy centre + covariance + eigh (float32)", peer_ms=best_ms(eigh),
             explained_variance=[float(v) for v in w])

if np is not None and want("surface"):
    # The same 1024 × 1024 evaluation written the way a NumPy user would (vectorised over a meshgrid).
    n = 1024
    grids = {
        "rosenbrock": ((-2, 2, -1, 3), lambda X, Y: (1 - X) ** 2 + 100 * (Y - X ** 2) ** 2),
        "himmelblau": ((-5, 5, -5, 5), lambda X, Y: (X ** 2 + Y - 11) ** 2 + (X + Y ** 2 - 7) ** 2),
        "rastrigin": ((-5.12, 5.12, -5.12, 5.12),
                      lambda X, Y: 20 + X ** 2 - 10 * np.cos(2 * np.pi * X) + Y ** 2 - 10 * np.cos(2 * np.pi * Y)),
        "ackley": ((-5, 5, -5, 5), lambda X, Y: -20 * np.exp(-0.2 * np.sqrt(0.5 * (X ** 2 + Y ** 2)))
                   - np.exp(0.5 * (np.cos(2 * np.pi * X) + np.cos(2 * np.pi * Y))) + np.e + 20),
    }
    for sid, ((x0, x1, y0, y1), f) in grids.items():
        def run():
            X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
            return f(X, Y)

        emit(name=f"surface_{sid}", size="1024x1024 grid", peer="NumPy on a meshgrid (float64)", peer_ms=best_ms(run))

if np is not None and want("glove") and os.path.exists(f"{data}/glove.txt"):
    def loadtxt():
        np.loadtxt(f"{data}/glove.txt", usecols=range(1, 101), dtype=np.float32, comments=None)

    emit(name="glove_parse", size="100000x100 text", peer="numpy.loadtxt (float32)", peer_ms=best_ms(loadtxt, runs=1))

try:
    import torch
except ImportError:
    torch = None

if torch is not None:
    threads = torch.get_num_threads()
    if want("attention"):
        torch.manual_seed(0)
        for n in (128, 256, 512, 1024, 2048, 4096):
            d = 64
            X = torch.randn(n, d, dtype=torch.float64)
            W = [torch.randn(d, d, dtype=torch.float64) / d ** 0.5 for _ in range(4)]

            def attention():
                q, k, v = X @ W[0], X @ W[1], X @ W[2]
                a = torch.softmax(q @ k.T / d ** 0.5, dim=-1)
                ent = -(a * torch.log(a.clamp_min(1e-300))).sum(dim=-1)
                return (a @ v) @ W[3], ent

            emit(name="attention", size=f"n={n} d_k=64 f64", peer=f"PyTorch {torch.__version__} CPU float64, {threads} thread(s)",
                 peer_ms=best_ms(attention))

    if want("optim"):
        # torch.optim, 10,000 steps each on Rosenbrock from (-1.5, 2), lr 2e-4: what a learner would write.
        opts = {
            "sgd": lambda p: torch.optim.SGD(p, lr=2e-4),
            "momentum": lambda p: torch.optim.SGD(p, lr=2e-4, momentum=0.9),
            "nesterov": lambda p: torch.optim.SGD(p, lr=2e-4, momentum=0.9, nesterov=True),
            "adagrad": lambda p: torch.optim.Adagrad(p, lr=2e-4),
            "rmsprop": lambda p: torch.optim.RMSprop(p, lr=2e-4),
            "adam": lambda p: torch.optim.Adam(p, lr=2e-4),
            "adamw": lambda p: torch.optim.AdamW(p, lr=2e-4, weight_decay=0.0),
        }

        # 1,000 steps each, timed and multiplied by 10 (a step costs the same all along: Python and
        # autograd overhead); the full 70,000 steps took 90 s here, a tenth of the whole bench budget.
        def run_all():
            for make in opts.values():
                p = torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True)
                opt = make([p])
                for _ in range(1000):
                    opt.zero_grad()
                    x, y = p[0], p[1]
                    loss = (1 - x) ** 2 + 100 * (y - x * x) ** 2
                    loss.backward()
                    opt.step()

        emit(name="optimizers", size="7 x 10000 steps, rosenbrock", peer=f"torch.optim + autograd, {threads} thread(s) (1,000 steps each x 10)",
             peer_ms=10 * best_ms(run_all, runs=1))

    if want("convert") and np is not None and os.path.exists(f"{data}/convert_f64.bin"):
        # The engine's 10^7 float64 values, contiguous, converted from float64 as ours are.
        t = torch.from_numpy(np.fromfile(f"{data}/convert_f64.bin", dtype=np.float64))
        bf16 = best_ms(lambda: t.to(torch.bfloat16), runs=5)
        fp16 = best_ms(lambda: t.to(torch.float16), runs=5)
        emit(name="convert_bf16", size="1e7 f64 to codes", peer=f"torch .to(bfloat16) from float64, {threads} thread(s)", peer_ms=bf16)
        emit(name="convert_fp16", size="1e7 f64 to codes", peer=f"torch .to(float16) from float64, {threads} thread(s)", peer_ms=fp16)
        for fmt in ("fp8_e4m3", "fp8_e5m2", "fp6_e2m3", "fp4_e2m1"):
            # Torch 1.13 has no 8-, 6- or 4-bit floats: the yardstick is 2x its bf16 cast.
            emit(name=f"convert_{fmt}", size="1e7 f64 to codes", peer="2 x torch .to(bfloat16) (target)", peer_ms=2 * bf16)
