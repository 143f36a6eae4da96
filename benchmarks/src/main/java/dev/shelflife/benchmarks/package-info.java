/**
 * JMH benchmarks of ShelfLife against the limit and a peer, and the tools around them:
 * {@link dev.shelflife.benchmarks.LargeReports} grows large reports from the corpus,
 * {@link dev.shelflife.benchmarks.ReadBenchmark} reads them three ways,
 * {@link dev.shelflife.benchmarks.StreamingMemoryCheck} streams a gigabyte in a small heap, and
 * {@link dev.shelflife.benchmarks.PerformanceTable} turns the results into the table and plot data of
 * {@code docs/performance.md}. {@link dev.shelflife.benchmarks.EngineBenchmark} and
 * {@link dev.shelflife.benchmarks.EngineFigures} measure the policy engine on image records of corpus
 * findings ({@link dev.shelflife.benchmarks.EngineRecords}). Built only with {@code -P benchmarks};
 * see {@code benchmarks/README.md}.
 */
package dev.shelflife.benchmarks;
