#!/usr/bin/env bash
# Runs `lva bench` and the PyTorch reference scripts back to back, alternating, on this machine, and
# prints the ratios DESIGN §4 sets goals for. The PyTorch side is optional: without torch it is skipped.
#
#   bench/compare.sh [rounds]        (default 2 rounds; results in lva-out/compare/)
#
# Environment: LVA_REFERENCE (default ../shared/reference), PYTHON (default /usr/bin/python3),
#              LVA_SCALE_THREADS (lva's threads for the scale and conv workloads, default 2),
#              LVA_CONV=0 to leave out the conv workload, LVA_CONV_EPOCHS (default 2: 200 steps of batch 100),
#              LVA_MLP=0 to leave out the seed and scale workloads (the conv workload alone),
#              LVA_PEAK_GFLOPS (default 192: 2 cores x 96 GFLOP/s of float32 FMA, the VM's) for the conv
#              workload's fraction of the machine's peak (78 MFLOP a sample, forward and backward).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}"
ref="${LVA_REFERENCE:-../shared/reference}"
py="${PYTHON:-/usr/bin/python3}"
scale_threads="${LVA_SCALE_THREADS:-2}"
conv="${LVA_CONV:-1}"
conv_epochs="${LVA_CONV_EPOCHS:-2}"
mlp="${LVA_MLP:-1}"
peak="${LVA_PEAK_GFLOPS:-192}"
out=lva-out/compare
mkdir -p "$out"

torch=yes
if ! "$py" -c 'import torch' >/dev/null 2>&1 || [ ! -f "$ref/torch/lva.py" ]; then
  echo "compare: PyTorch or the reference scripts are missing ($py, $ref/torch): timing lva only" >&2
  echo "compare: install with: apt-get install -y python3-torch python3-sklearn" >&2
  torch=no
fi

./lva --version >/dev/null   # builds the jar if needed, outside the timings
for r in $(seq 1 "$rounds"); do
  echo "== round $r"
  if [ "$mlp" = 1 ]; then
    ./lva --threads 1 bench --workload seed --json "$out/lva-seed-$r.json" | tee "$out/lva-seed-$r.txt"
    if [ "$torch" = yes ]; then
      THREADS=1 SEED=0 "$py" "$ref/torch/lva.py" > "$out/torch-seed-$r.json"
      echo "torch seed: $(cat "$out/torch-seed-$r.json" | "$py" -c 'import json,sys; d=json.load(sys.stdin); print("%.4f ms/step, stds %s, rec %s, peak RSS %s MB" % (1000*d["time_s"]/d["steps"], d["stds_sorted"], d["rec_mse"], d["maxrss_mb_self"]))')"
    fi
    ./lva --threads "$scale_threads" bench --workload scale --json "$out/lva-scale-$r.json" | tee "$out/lva-scale-$r.txt"
    if [ "$torch" = yes ]; then
      THREADS=1 BLAS_THREADS=2 "$py" "$ref/torch/lva_scale.py" > "$out/torch-scale-best-$r.json"
      THREADS=1 "$py" "$ref/torch/lva_scale.py" > "$out/torch-scale-1-$r.json"
      echo "torch scale: $("$py" -c 'import json,sys
for f in sys.argv[1:]:
    d=json.load(open(f)); print("%s %.0f samples/s" % (f.split("/")[-1][:-5], d["samples_per_s"]), end="; ")' "$out/torch-scale-best-$r.json" "$out/torch-scale-1-$r.json")"
    fi
  fi
  if [ "$conv" = 1 ]; then
    # the conv LVAE step (lva_conv.py): lva on 1 thread and on both cores, PyTorch on 1 thread and in its
    # best two-core configuration (2 intra-op threads, OpenBLAS 1: the convolutions run in oneDNN)
    ./lva --threads 1 bench --workload conv --steps "$conv_epochs" --json "$out/lva-conv-1-$r.json" | tee "$out/lva-conv-1-$r.txt"
    ./lva --threads "$scale_threads" bench --workload conv --steps "$conv_epochs" --json "$out/lva-conv-$r.json" \
      | tee "$out/lva-conv-$r.txt"
    if [ "$torch" = yes ]; then
      THREADS=2 BLAS_THREADS=1 N=10000 EPOCHS="$conv_epochs" "$py" "$ref/torch/lva_conv.py" > "$out/torch-conv-best-$r.json"
      THREADS=1 N=10000 EPOCHS="$conv_epochs" "$py" "$ref/torch/lva_conv.py" > "$out/torch-conv-1-$r.json"
      echo "torch conv: $("$py" -c 'import json,sys
for f in sys.argv[1:]:
    d=json.load(open(f)); print("%s %.0f samples/s, %.1f ms/step, peak RSS %s MB" % (f.split("/")[-1][:-5], d["samples_per_s"], 1000 * d["time_s"] / d["steps"], d["maxrss_mb_self"]), end="; ")' "$out/torch-conv-best-$r.json" "$out/torch-conv-1-$r.json")"
    fi
  fi
done

if [ "$torch" = yes ]; then
  "$py" - "$out" "$rounds" "$conv" "$mlp" "$peak" <<'PY'
import json, statistics, sys
out, rounds, conv, mlp, peak = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4] == "1", float(sys.argv[5])
def load(name): return [json.load(open(f"{out}/{name}-{r}.json")) for r in range(1, rounds + 1)]
print("== ratios (median over %d rounds)" % rounds)
if mlp:
    lva_seed = statistics.median(d["results"][0]["ms_per_step_median"] for d in load("lva-seed"))
    torch_seed = statistics.median(1000 * d["time_s"] / d["steps"] for d in load("torch-seed"))
    lva_scale = statistics.median(d["results"][0]["samples_per_s"] for d in load("lva-scale"))
    torch_best = statistics.median(d["samples_per_s"] for d in load("torch-scale-best"))
    torch_one = statistics.median(d["samples_per_s"] for d in load("torch-scale-1"))
    rss = max(d["peak_rss_mb"] for d in load("lva-seed"))
    print("seed  time/step: lva %.4f ms, torch %.4f ms -> lva/torch = %.3f (goal <= 0.333)" % (lva_seed, torch_seed, lva_seed / torch_seed))
    print("scale samples/s: lva %.0f, torch best (1 thread + BLAS 2) %.0f, torch 1 thread %.0f -> lva/torch best = %.3f (goal >= 1.5)" % (lva_scale, torch_best, torch_one, lva_scale / torch_best))
    print("seed  peak RSS of lva bench: %.0f MB (goal < 400)" % rss)
    # each round's own ratio, run back to back: the spread shows how much the machine moved
    seed_rounds = [d["results"][0]["ms_per_step_median"] / (1000 * t["time_s"] / t["steps"])
                   for d, t in zip(load("lva-seed"), load("torch-seed"))]
    scale_rounds = [d["results"][0]["samples_per_s"] / t["samples_per_s"]
                    for d, t in zip(load("lva-scale"), load("torch-scale-best"))]
    print("per round: seed " + " ".join("%.3f" % v for v in seed_rounds)
          + "; scale " + " ".join("%.2f" % v for v in scale_rounds))
if conv:
    lva_conv = statistics.median(d["results"][0]["samples_per_s"] for d in load("lva-conv"))
    lva_conv1 = statistics.median(d["results"][0]["samples_per_s"] for d in load("lva-conv-1"))
    lva_conv_ms = statistics.median(d["results"][0]["ms_per_step_median"] for d in load("lva-conv"))
    lva_conv_rss = max(d["peak_rss_mb"] for d in load("lva-conv"))
    t_best = statistics.median(d["samples_per_s"] for d in load("torch-conv-best"))
    t_one = statistics.median(d["samples_per_s"] for d in load("torch-conv-1"))
    t_rss = max(d["maxrss_mb_self"] for d in load("torch-conv-best") + load("torch-conv-1"))
    print("conv  samples/s: lva %.0f (%.1f ms/step; 1 thread %.0f), torch best (2 threads, BLAS 1) %.0f, torch 1 thread %.0f"
          " -> lva/torch best = %.3f (goal >= 1.5, floor 1.0); lva 1 thread / torch 1 thread = %.3f"
          % (lva_conv, lva_conv_ms, lva_conv1, t_best, t_one, lva_conv / t_best, lva_conv1 / t_one))
    print("conv  peak RSS: lva %.0f MB, torch %.0f MB" % (lva_conv_rss, t_rss))
    conv_rounds = [d["results"][0]["samples_per_s"] / t["samples_per_s"]
                   for d, t in zip(load("lva-conv"), load("torch-conv-best"))]
    print("per round: conv " + " ".join("%.2f" % v for v in conv_rounds))
    # 78 MFLOP a sample (forward and backward of the workload's convolutions and linears)
    print("conv  fraction of the machine's peak (%.0f GFLOP/s): lva %.0f%%, torch best %.0f%%"
          % (peak, 100 * lva_conv * 78e6 / (peak * 1e9), 100 * t_best * 78e6 / (peak * 1e9)))
PY
fi
