#!/usr/bin/python3
"""make bench: runs the latency harness, the engine kernels and their peers,
writes bench/results/latest.json and prints a readable table."""
import datetime
import json
import os
import platform
import subprocess
import sys

build, results = sys.argv[1], sys.argv[2]
native = len(sys.argv) > 3 and sys.argv[3] == "native"
data = os.path.join(build, "bench-data")
os.makedirs(results, exist_ok=True)
os.makedirs(data, exist_ok=True)


def machine():
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def lines(cmd, env=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]


env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
latency_json = os.path.join(data, "latency.json")
print("== interaction latency (offscreen window, 200 values per drag)", flush=True)
subprocess.run([os.path.join(build, "bench", "aimath_bench_latency"), latency_json], check=True, env=env)
with open(latency_json) as f:
    latency = json.load(f)

print("\n== engine kernels (Google Benchmark; the fastest repetition of each is kept)", flush=True)
engine_json = os.path.join(data, "engine.json")
subprocess.run([os.path.join(build, "bench", "aimath_bench_engine"), data, f"--benchmark_out={engine_json}",
                "--benchmark_out_format=json"], check=True)
with open(engine_json) as f:
    gbench = json.load(f)
engine = {}  # (name, size) -> fastest repetition, in registration order
for b in gbench["benchmarks"]:
    if b.get("run_type") != "iteration":
        continue
    name, size = b["run_name"].split("/")[0], b.get("label", "")
    if b.get("error_occurred"):
        print(f"{name} {size}: {b.get('error_message', 'failed')}")
        continue
    assert b["time_unit"] == "ms", b
    if (name, size) not in engine or b["real_time"] < engine[(name, size)]["real_time"]:
        engine[(name, size)] = b

peers = []
try:
    peers = lines(["/usr/bin/python3", os.path.join(os.path.dirname(__file__), "peers", "peers.py"), data])
except (subprocess.CalledProcessError, FileNotFoundError) as e:
    print(f"peers not measured: {e}")
# A peer row belongs to the engine row of the same name and size.
peer_of = {(p["name"], p.get("size")): p for p in peers}


def rel_diff(ours, theirs, k):
    k = min(len(ours), len(theirs), k)
    return max(abs(a - b) / abs(b) for a, b in zip(ours[:k], theirs[:k])) if k else None


def our_variance(name, size):
    path = os.path.join(data, f"ours_{name}_{size.split()[0]}.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


rows = []
print(f"\n{'kernel':<24} {'size':<38} {'ms':>10} {'peer ms':>10} {'peer/ours':>9}  peer")
for (name, size), b in engine.items():
    p = peer_of.get((name, size), {})
    ms = b["real_time"]
    row = {"name": name, "size": size, "ms": round(ms, 3), "peer": p.get("peer"),
           "peer_ms": round(p["peer_ms"], 3) if "peer_ms" in p else None,
           "repetitions": b.get("repetitions", 1)}
    if "values" in b:
        row["values_per_s"] = b["values"] / (ms * 1e-3)
    if "mb" in b:
        row["mb_per_s"] = b["mb"] / (ms * 1e-3)
    if "steps" in b:
        row["steps"] = int(b["steps"])
    note = ""
    ours_ev = our_variance(name, size)
    if ours_ev and "explained_variance" in p:
        row["max_rel_diff_top10_variance"] = rel_diff(ours_ev, p["explained_variance"], 10)
        row["max_rel_diff_top50_variance"] = rel_diff(ours_ev, p["explained_variance"], 50)
        note = f"  (variance rel diff top 10 {row['max_rel_diff_top10_variance']:.1e}, top 50 {row['max_rel_diff_top50_variance']:.1e})"
    rows.append(row)
    peer_ms = f"{row['peer_ms']:.1f}" if row["peer_ms"] is not None else "-"
    ratio = f"{row['peer_ms'] / row['ms']:.2f}" if row["peer_ms"] is not None and row["ms"] > 0 else "-"
    print(f"{row['name']:<24} {row['size']:<38} {row['ms']:>10.1f} {peer_ms:>10} {ratio:>9}  {row['peer'] or ''}{note}")

try:
    load = os.getloadavg()
except OSError:
    load = None
report = {
    "date": datetime.datetime.now().isoformat(timespec="seconds"),
    "load_average": load,
    "machine": machine(),
    "build": "native" if native else "release",
    "latency": latency["latency"],
    "stalls": latency["stalls"],
    "startup_ms": latency["startup_ms"],
    "engine": rows,
}
out = os.path.join(results, "latest.json")
with open(out + ".tmp", "w") as f:
    json.dump(report, f, indent=2)
os.replace(out + ".tmp", out)
print(f"\nwrote {out}")
