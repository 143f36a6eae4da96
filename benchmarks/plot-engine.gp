# Draws the plot data of EngineFigures into a PNG: engine throughput by findings per record, and fleet time by fleet size.
# gnuplot -e "data='benchmarks/target/results/engine.dat'; out='docs/performance-engine.png'" benchmarks/plot-engine.gp
if (!exists("data")) data = 'benchmarks/target/results/engine.dat'
if (!exists("out")) out = 'docs/performance-engine.png'
set terminal pngcairo noenhanced size 1300,520 font 'sans,11'
set output out
set multiplot layout 1,2 title 'Policy engine, default policy (higher is better on the left, lower on the right)'
set grid
set xrange [0:*]
set yrange [0:*]

set key bottom left
set title 'Throughput on one thread (CPU time, best of N rounds)'
set xlabel 'findings per image record'
set ylabel 'million findings judged per second'
plot for [i=2:4] data index 'throughput:' using 1:i with linespoints lw 2 pt 7 title word('build deploy run', i-1), \
     1 with lines dt 2 lc rgb 'gray40' title 'target: 1 million/s'

set key top left
set title 'Fleet: every record at build, deploy and run'
set xlabel 'image records (300 findings each)'
set ylabel 'seconds'
plot data index 'fleet:' using 1:2 with linespoints lw 2 pt 7 title 'one thread', \
     data index 'fleet:' using 1:3 with linespoints lw 2 pt 7 title 'parallel stream (wall-clock)', \
     data index 'fleet:' using 1:4 with linespoints lw 2 pt 7 dt 3 title 'parallel stream: CPU time / cores', \
     10 with lines dt 2 lc rgb 'gray40' title 'target: 10,000 records in 10 s'
unset multiplot
