package dev.shelflife.history.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link RecordingProcess} in a JVM of its own, with the lines it printed. */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;
    private final CountDownLatch opened = new CountDownLatch(1);

    private ChildProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readLines, "child output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildProcess start(String url, String name, int count, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        RecordingProcess.class.getName(),
                        url,
                        name,
                        Integer.toString(count))
                .redirectError(log.toFile())
                .start();
        return new ChildProcess(process);
    }

    private void readLines() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                if (line.equals("open")) {
                    opened.countDown();
                }
            }
        } catch (IOException e) {
            // The process was killed: what it printed before is what counts.
        }
    }

    /** The ids it said were recorded. */
    List<String> recorded() {
        synchronized (lines) {
            return lines.stream()
                    .filter(l -> l.startsWith("recorded "))
                    .map(l -> l.substring("recorded ".length()))
                    .toList();
        }
    }

    boolean awaitRecorded(int count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (recorded().size() < count) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                return recorded().size() >= count;
            }
            Thread.sleep(20);
        }
        return true;
    }

    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child process did not end in " + seconds + " s");
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** Kills it as {@code kill -9} does: no shutdown hook, no close, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
