#!/usr/bin/env bash
# The sweep benchmark (issue 16): one grid as sequential lva fit runs in one JVM, and as a sweep on
# embedded Spark with local[1] and local[2], alternating, medians. Any lva sweep options choose the grid;
# the default is 16 runs of DESIGN's seed workload model (3 -> [48]x4 -> 3, full batch, 10000 steps) on the
# built-in curve: 4 penalties x 2 weights x 2 seeds, every run all 10000 steps (--tol 0: runs of equal
# length, as the workload is defined). Example: bench/sweep.sh --rounds 3
# BENCH_JAVA_OPTS adds JVM options (a profiler's agent: docs/perf/2026-12-07-sweep-two-cores.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$here" && mvn -B -q -DskipTests -pl lva-sweep -am package) >&2
rounds=(--rounds 3)
if [ "${1:-}" = "--rounds" ]; then rounds=(--rounds "$2"); shift 2; fi
if [ $# -eq 0 ]; then
  set -- --data "$here/data/ae3d.csv" --scale none --latent 3 --regularizer volume,l1-std,lasso,student-t \
    --lambda 1e-3,1e-2 --seeds 0-1 --epochs 10000 --tol 0
fi
export OMP_NUM_THREADS=1
# the OpenBLAS kernels the lva script chooses (its function alone)
# shellcheck source=../lva
source "$here/lva"
openblas_coretype
exec java ${BENCH_JAVA_OPTS:-} -Xmx2g -XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false \
  -Dlogback.configurationFile=lva-sweep-logback.xml -Dorg.nd4j.log.initialization=false \
  -cp "$here/lva-sweep/target/lva-sweep.jar:$here/lva-sweep/target/lib/*:$here/lva-sweep/target/spark/*" \
  dev.lva.sweep.bench.SweepBench "${rounds[@]}" "$@"
