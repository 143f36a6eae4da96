# Draws the plot data of PerformanceTable (JMH) or CpuTimeReads into a PNG, one panel per format.
# gnuplot -e "data='benchmarks/target/results/cpu.dat'; out='docs/performance-reads.png'; heading='…'" benchmarks/plot-reads.gp
if (!exists("data")) data = 'benchmarks/target/results/cpu.dat'
if (!exists("out")) out = 'docs/performance-reads.png'
if (!exists("heading")) heading = 'Time to read one report, by report size (log scale; lower is better)'
set terminal pngcairo noenhanced size 1300,900 font 'sans,11'
set output out
set multiplot layout 2,2 title heading
set logscale y
set xlabel 'report size (MB)'
set ylabel 'ms per read'
set grid ytics mytics xtics
set key top left
set xrange [0:*]
titles = "'bare Jackson pass (limit)' 'ShelfLife read' 'ShelfLife stream' 'analysis-model (peer)'"
do for [f in "trivy: grype: grype_094: snyk:"] {
    set title f eq 'grype:' ? 'grype (0.7.0)' : f[1:strlen(f)-1]
    plot for [i=1:4] data index f using 1:(column(i+1)) with linespoints lw 2 pt 7 title word(titles, i)
}
unset multiplot
