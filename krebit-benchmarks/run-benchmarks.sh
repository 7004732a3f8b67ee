#!/usr/bin/env bash
# Builds the JMH uber-jar and runs every benchmark of issue 8 (part one): the hot path at 1 and 2
# threads with the GC profiler, then the refresh storms. Results land in
# krebit-benchmarks/target/benchmark-results/ (benchmark-results-smoke/ for --smoke): JMH JSON and
# text, storm CSV, and the Markdown tables that BENCHMARKS.md is made of.
#
#   krebit-benchmarks/run-benchmarks.sh            full run, a few minutes on 2 cores
#   krebit-benchmarks/run-benchmarks.sh --smoke    one short iteration of everything, seconds (CI)
#   krebit-benchmarks/run-benchmarks.sh --no-build reuse target/benchmarks.jar
#
# Full-run settings are overridable: HOTPATH_OPTS (JMH options) and STORM_OPTS (storm harness options).
set -euo pipefail

cd "$(dirname "$0")/.."
mode=full
build=true
for arg in "$@"; do
  case "$arg" in
    --smoke) mode=smoke ;;
    --no-build) build=false ;;
    *) echo "usage: $0 [--smoke] [--no-build]" >&2; exit 2 ;;
  esac
done

jar=krebit-benchmarks/target/benchmarks.jar
out=krebit-benchmarks/target/benchmark-results
[[ $mode == smoke ]] && out=krebit-benchmarks/target/benchmark-results-smoke # never overwrites a full run
if $build; then
  ./mvnw -B -q -DskipTests package -pl krebit-benchmarks -am
fi
rm -rf "$out"
mkdir -p "$out"

if [[ $mode == smoke ]]; then
  # Proves every benchmark still runs; the numbers mean nothing. No forks, one JVM for the storms:
  # starting JVMs would be most of the time.
  hotpath_opts=(-f 0 -wi 0 -i 1 -r 100ms)
  storm_opts=(--rounds 1 --warmup 0 --in-process --callers 64 --latency-ms 5)
else
  # 2 forks x (2 s warm-up + 3 s measured) per benchmark, mode and thread count: 24 runs of ~12 s.
  read -r -a hotpath_opts <<< "${HOTPATH_OPTS:--f 2 -wi 2 -w 1s -i 3 -r 1s}"
  read -r -a storm_opts <<< "${STORM_OPTS:---rounds 5 --warmup 1}"
fi

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "nproc: $(nproc)"
  lscpu | grep -E '^(Model name|Thread\(s\) per core|Core\(s\) per socket|Socket\(s\))' || true
  java -version 2>&1
  echo "hot path options: ${hotpath_opts[*]}"
  echo "storm options: ${storm_opts[*]}"
  # Anything else running shares the same 2 cores: record it, numbers under load are not comparable.
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"
cat "$out/machine.txt"

java -cp "$jar" se.krebit.benchmarks.HotPathReport --out "$out" --threads 1,2 "${hotpath_opts[@]}" \
  | tee "$out/hotpath.txt"
java -cp "$jar" se.krebit.benchmarks.RefreshStorm --out "$out" "${storm_opts[@]}" \
  | tee "$out/storm.txt"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
echo
echo "Results in $out: hotpath.md, storm.md (tables), hotpath-t*.json, storm.csv, *.txt"
