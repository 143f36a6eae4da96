package dev.shelflife.history.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, small file system: a tmpfs mounted on a folder, for the tests of a disk that fills up and
 * of a file system mounted read-only. Mounting needs root (CI runs as root); elsewhere the tests
 * that need it are skipped with a message, and the simulated variants (a page limit, a read-only
 * open) still run.
 */
final class TinyDisk implements AutoCloseable {

    private final Path mountPoint;

    private TinyDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static TinyDisk mount(Path mountPoint, String size) {
        String failure = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString()));
        if (failure != null) {
            String message = "file system fault test skipped: cannot mount a tmpfs on " + mountPoint + " (" + failure
                    + "); it needs root, as CI has";
            System.err.println("[shelflife] " + message);
            Assumptions.abort(message);
        }
        return new TinyDisk(mountPoint);
    }

    Path path() {
        return mountPoint;
    }

    void remountReadOnly() {
        String failure = run(List.of("mount", "-o", "remount,ro", mountPoint.toString()));
        if (failure != null) {
            throw new IllegalStateException("cannot remount " + mountPoint + " read-only: " + failure);
        }
    }

    @Override
    public void close() {
        run(List.of("umount", mountPoint.toString()));
    }

    /** @return {@code null} when the command succeeded, else what it said */
    private static String run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            return process.exitValue() == 0 ? null : output.isEmpty() ? "exit " + process.exitValue() : output;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
