#!/usr/bin/env bash
# Builds and runs the ShelfLife benchmarks, then writes the figures that docs/performance.md reports:
#   benchmarks/target/results/{machine.txt,reads.json,reads.md,reads.dat,cpu.md,cpu.dat,streaming.txt},
#   docs/performance-reads.png (CPU time) and docs/performance-reads-jmh.png (JMH, wall-clock time).
# Arguments go to JMH, e.g.: benchmarks/run.sh -wi 2 -i 3 -f 1 -p mebibytes=100
# The policy engine's step writes {engine.json,engine-jmh.md,engine.md,engine.dat} and docs/performance-engine.png.
# A first argument "reads" or "engine" runs that step only: benchmarks/run.sh engine -wi 2 -i 3 -f 1
# "history" runs only the history store's step (never part of "all": it writes stores of gigabytes' worth
# of reports and wants PostgreSQL): {history-record.json,history-evaluate.json,history-size.md}.
set -euo pipefail
cd "$(dirname "$0")/.."

part=all
case "${1:-}" in
  reads | engine | history) part=$1; shift ;;
esac

results=benchmarks/target/results
export SHELFLIFE_REPORTS="${SHELFLIFE_REPORTS:-$PWD/benchmarks/target/reports}"
mkdir -p "$results" "$SHELFLIFE_REPORTS"
jar=benchmarks/target/benchmarks.jar

mvn -B -q -P benchmarks -pl benchmarks -am package -DskipTests

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores"
  echo "memory: $(free -m | awk '/Mem:/ {print $2 " MiB"}')"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$results/machine.txt"

if [[ $part == history ]]; then
  # Recording 1,000 reports into SQLite, and into PostgreSQL when SHELFLIFE_POSTGRES_URL names one
  # (measure it with fsync on: .ci/run's cluster turns it off), evaluating an image from a lineage
  # of 365 daily scans, and the size of 100 lineages x 365 daily scans before and after compaction.
  stores=sqlite
  if [[ -n ${SHELFLIFE_POSTGRES_URL:-} ]]; then stores=sqlite,postgresql; fi
  java -jar "$jar" HistoryRecordBenchmark -p store="$stores" -rf json -rff "$results/history-record.json" "$@"
  java -jar "$jar" HistoryEvaluateBenchmark -rf json -rff "$results/history-evaluate.json" "$@"
  {
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    java -Xmx3g -cp "$jar" dev.shelflife.benchmarks.HistorySize 100 365 300
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee "$results/history-size.md"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"
  exit 0
fi

if [[ $part != engine ]]; then
rm -f "$SHELFLIFE_REPORTS/load.tsv"
java -jar "$jar" ReadBenchmark -rf json -rff "$results/reads.json" "$@"

{
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  for format in trivy grype snyk; do
    java -Xmx256m -cp "$jar" dev.shelflife.benchmarks.StreamingMemoryCheck "$format" 1024 stream
  done
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$results/streaming.txt"

java -cp "$jar" dev.shelflife.benchmarks.PerformanceTable "$results/reads.json" "$results/reads.dat" | tee "$results/reads.md"
# The same reads in CPU time, the methods taking turns: the figures a busy machine disturbs least.
java -Xms3g -Xmx3g -cp "$jar" dev.shelflife.benchmarks.CpuTimeReads 5 10,50,100 "$results/cpu.dat" | tee "$results/cpu.md"
gnuplot -e "data='$results/cpu.dat'; out='docs/performance-reads.png';
  heading='CPU time of the reading thread per read, by report size (best of 5 rounds; log scale; lower is better)'" \
  benchmarks/plot-reads.gp
gnuplot -e "data='$results/reads.dat'; out='docs/performance-reads-jmh.png';
  heading='JMH: wall-clock time per read, by report size (mean; log scale; lower is better)'" benchmarks/plot-reads.gp
fi

if [[ $part != reads ]]; then
  # The policy engine with the default policy: JMH on one thread (wall-clock time), then the same
  # throughput in CPU time of the evaluating thread and the fleet's wall-clock time (EngineFigures).
  java -jar "$jar" EngineBenchmark -rf json -rff "$results/engine.json" "$@"
  java -cp "$jar" dev.shelflife.benchmarks.EngineTable "$results/engine.json" | tee "$results/engine-jmh.md"
  {
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    java -Xms3g -Xmx3g -cp "$jar" dev.shelflife.benchmarks.EngineFigures 5 30,300,1000 1000,3000,10000 "$results/engine.dat"
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee "$results/engine.md"
  gnuplot -e "data='$results/engine.dat'; out='docs/performance-engine.png'" benchmarks/plot-engine.gp
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"
