#!/usr/bin/env bash
# Builds the JMH uber-jar and runs every benchmark of issue 8: the hot path at 1 and 2 threads with
# the GC profiler, the refresh storms, the API overhead (KrebitClient.me() against a bare HttpClient)
# at 1 and 2 threads, the cost of one API call measured from outside (issue 18: server and client JVMs
# pinned to a core each, CPU and allocation of every client thread; ApiCallCost), and the token stores (in-memory, H2, and PostgreSQL when
# KREBIT_TEST_POSTGRES_URL, _USER and _PASSWORD are set), and with --only scale (not in the default
# set: it takes minutes and a few GB of heap) what 1k, 10k and 100k signed-in users cost (issue 21).
# Results land in
# krebit-benchmarks/target/benchmark-results/ (benchmark-results-smoke/ for --smoke): JMH JSON and
# text, storm CSV, and the Markdown tables that BENCHMARKS.md is made of.
#
#   krebit-benchmarks/run-benchmarks.sh              full run, about 17 minutes on 2 cores
#   krebit-benchmarks/run-benchmarks.sh --smoke      one short iteration of everything (scale too), seconds (CI)
#   krebit-benchmarks/run-benchmarks.sh --no-build   reuse target/benchmarks.jar (CI: after ./mvnw verify)
#   krebit-benchmarks/run-benchmarks.sh --only api,stores
#                                                    a subset of: hotpath, storm, api, calls, stores, scale
#   krebit-benchmarks/run-benchmarks.sh --only calls  the API-call cost table alone (issue 18)
#   krebit-benchmarks/run-benchmarks.sh --only scale  heap per user, threads, timers, idle work (issue 21)
#
# Full-run settings are overridable: HOTPATH_OPTS, API_OPTS, STORE_OPTS (JMH options) and
# STORM_OPTS (storm harness options), CALLS_OPTS (ApiCallCost options, e.g. --calls 20000 --repeats 1
# --clients jdk,krebit), SCALE_OPTS (ScaleReport options, e.g. --users 1000,10000
# --stores memory) and SCALE_HEAP (its -Xmx, default 3g).
set -euo pipefail

cd "$(dirname "$0")/.."
mode=full
build=true
only=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) mode=smoke ;;
    --no-build) build=false ;;
    --only) only="${2:?--only needs a list, e.g. api,stores}"; shift ;;
    *) echo "usage: $0 [--smoke] [--no-build] [--only hotpath,storm,api,calls,stores,scale]" >&2; exit 2 ;;
  esac
  shift
done
# The scale run takes minutes at full size, so only a smoke run includes it unasked.
if [[ -z $only ]]; then
  only=hotpath,storm,api,calls,stores
  if [[ $mode == smoke ]]; then only+=,scale; fi
fi
runs() { [[ ",$only," == *",$1,"* ]]; }

jar=krebit-benchmarks/target/benchmarks.jar
out=krebit-benchmarks/target/benchmark-results
[[ $mode == smoke ]] && out=krebit-benchmarks/target/benchmark-results-smoke # never overwrites a full run
if $build; then
  ./mvnw -B -q -DskipTests package -pl krebit-benchmarks -am
elif [[ ! -f $jar ]]; then
  echo "$jar is missing: build it (./mvnw -B verify, or run without --no-build)" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"

if [[ $mode == smoke ]]; then
  # Proves every benchmark still runs; the numbers mean nothing. No forks, one JVM for the storms:
  # starting JVMs would be most of the time. Stores: ten rows each and one mode, since every trial
  # sets up a database.
  hotpath_opts=(-f 0 -wi 0 -i 1 -r 100ms)
  storm_opts=(--rounds 1 --warmup 0 --in-process --callers 64 --latency-ms 5)
  api_opts=(-f 0 -wi 0 -i 1 -r 100ms)
  calls_opts=(--smoke)
  store_opts=(-f 0 -wi 0 -i 1 -r 100ms -bm avgt -p users=10)
  scale_opts=(--users 1000 --stores memory --idle-seconds 2)
else
  # Hot path: 2 forks x (2 s warm-up + 3 s measured) per benchmark, mode and thread count.
  read -r -a hotpath_opts <<< "${HOTPATH_OPTS:--f 2 -wi 2 -w 1s -i 3 -r 1s}"
  read -r -a storm_opts <<< "${STORM_OPTS:---rounds 5 --warmup 1}"
  # API: 1 fork x (20 s warm-up + 5 s measured) per client, mode and thread count: the in-process
  # server needs ~15 s of requests to be compiled (see ApiOverheadBenchmark).
  read -r -a api_opts <<< "${API_OPTS:--f 1 -wi 20 -w 1s -i 5 -r 1s}"
  # API-call cost: per client and thread count (1, 4), 50,000 calls after 10,000 warm-up calls, in a fresh
  # JVM each, 3 interleaved repeats: about 10 minutes on a quiet machine.
  read -r -a calls_opts <<< "${CALLS_OPTS:-}"
  # Stores: 1 fork x (2 s warm-up + 3 s measured) per store, operation and mode.
  read -r -a store_opts <<< "${STORE_OPTS:--f 1 -wi 2 -w 1s -i 3 -r 1s}"
  # Scale: every user count on the in-memory store, and on PostgreSQL when it is configured.
  scale_stores=memory
  if [[ -n ${KREBIT_TEST_POSTGRES_URL:-} ]]; then scale_stores=memory,postgresql; fi
  read -r -a scale_opts <<< "${SCALE_OPTS:---users 1000,10000,100000 --stores $scale_stores}"
fi

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "nproc: $(nproc)"
  lscpu | grep -E '^(Model name|Thread\(s\) per core|Core\(s\) per socket|Socket\(s\))' || true
  java -version 2>&1
  echo "benchmarks: $only"
  runs hotpath && echo "hot path options: ${hotpath_opts[*]}"
  runs storm && echo "storm options: ${storm_opts[*]}"
  runs api && echo "api options: ${api_opts[*]}"
  runs calls && echo "api-call cost options: ${calls_opts[*]:-defaults}"
  runs stores && echo "store options: ${store_opts[*]}"
  runs scale && echo "scale options: ${scale_opts[*]}"
  if runs stores; then
    if [[ -n ${KREBIT_TEST_POSTGRES_URL:-} ]]; then
      echo "postgresql: ${KREBIT_TEST_POSTGRES_URL}"
    else
      echo "postgresql: not measured (KREBIT_TEST_POSTGRES_URL is not set)"
    fi
  fi
  # Anything else running shares the same 2 cores: record it, numbers under load are not comparable.
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"
cat "$out/machine.txt"

stage() { echo "load average before $1: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"; }

if runs hotpath; then
  stage hotpath
  java -cp "$jar" se.krebit.benchmarks.HotPathReport --out "$out" --threads 1,2 "${hotpath_opts[@]}" \
    | tee "$out/hotpath.txt"
fi
if runs storm; then
  stage storm
  java -cp "$jar" se.krebit.benchmarks.RefreshStorm --out "$out" "${storm_opts[@]}" \
    | tee "$out/storm.txt"
fi
if runs api; then
  stage api
  java -cp "$jar" se.krebit.benchmarks.ApiOverheadReport --out "$out" --threads 1,2 "${api_opts[@]}" \
    | tee "$out/api.txt"
fi
if runs calls; then
  stage calls
  java -cp "$jar" se.krebit.benchmarks.ApiCallCost --out "$out" "${calls_opts[@]}" | tee "$out/calls.txt"
fi
if runs stores; then
  stage stores
  java -cp "$jar" se.krebit.benchmarks.StoreReport --out "$out" "${store_opts[@]}" \
    | tee "$out/stores.txt"
fi

if runs scale; then
  stage scale
  # Compressed oops (the default below 32 GB): the bytes per user assume them.
  java "-Xmx${SCALE_HEAP:-3g}" -cp "$jar" se.krebit.benchmarks.ScaleReport --out "$out" "${scale_opts[@]}" \
    | tee "$out/scale.txt"
fi

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
echo
echo "Results in $out: hotpath.md, storm.md, api.md, api-calls.md, stores.md, scale.md (tables), *.json, storm.csv, *.txt, machine.txt"
