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

print("\n== engine kernels", flush=True)
engine = lines([os.path.join(build, "bench", "aimath_bench_engine"), data])
peers = {}
try:
    for p in lines(["/usr/bin/python3", os.path.join(os.path.dirname(__file__), "peers", "peers.py"), data]):
        peers[p["name"]] = p
except (subprocess.CalledProcessError, FileNotFoundError) as e:
    print(f"peers not measured: {e}")

rows = []
print(f"{'kernel':<18} {'size':<24} {'ms':>10} {'peer ms':>10}  peer")
for e in engine:
    p = peers.get(e["name"], {})
    row = {"name": e["name"], "size": e["size"], "ms": round(e["ms"], 3), "peer": p.get("peer"), "peer_ms": round(p["peer_ms"], 3) if "peer_ms" in p else None}
    if "explained_variance" in e and "explained_variance" in p:
        ours, theirs = e["explained_variance"], p["explained_variance"]
        k = min(len(ours), len(theirs), 10)
        row["max_rel_diff_top10_variance"] = max(abs(a - b) / abs(b) for a, b in zip(ours[:k], theirs[:k]))
    rows.append(row)
    peer_ms = f"{row['peer_ms']:.1f}" if row["peer_ms"] is not None else "-"
    print(f"{row['name']:<18} {row['size']:<24} {row['ms']:>10.1f} {peer_ms:>10}  {row['peer'] or ''}"
          + (f"  (variance rel diff {row['max_rel_diff_top10_variance']:.1e})" if "max_rel_diff_top10_variance" in row else ""))

report = {
    "date": datetime.datetime.now().isoformat(timespec="seconds"),
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
