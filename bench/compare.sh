#!/usr/bin/env bash
# Runs `lva bench` and the PyTorch reference scripts back to back, alternating, on this machine, and
# prints the ratios DESIGN §4 sets goals for. The PyTorch side is optional: without torch it is skipped.
#
#   bench/compare.sh [rounds]        (default 2 rounds; results in lva-out/compare/)
#
# Environment: LVA_REFERENCE (default ../shared/reference), PYTHON (default /usr/bin/python3),
#              LVA_SCALE_THREADS (lva's threads for the scale workload, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}"
ref="${LVA_REFERENCE:-../shared/reference}"
py="${PYTHON:-/usr/bin/python3}"
scale_threads="${LVA_SCALE_THREADS:-2}"
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
done

if [ "$torch" = yes ]; then
  "$py" - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def load(name): return [json.load(open(f"{out}/{name}-{r}.json")) for r in range(1, rounds + 1)]
lva_seed = statistics.median(d["results"][0]["ms_per_step_median"] for d in load("lva-seed"))
torch_seed = statistics.median(1000 * d["time_s"] / d["steps"] for d in load("torch-seed"))
lva_scale = statistics.median(d["results"][0]["samples_per_s"] for d in load("lva-scale"))
torch_best = statistics.median(d["samples_per_s"] for d in load("torch-scale-best"))
torch_one = statistics.median(d["samples_per_s"] for d in load("torch-scale-1"))
rss = max(d["peak_rss_mb"] for d in load("lva-seed"))
print("== ratios (median over %d rounds)" % rounds)
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
PY
fi
