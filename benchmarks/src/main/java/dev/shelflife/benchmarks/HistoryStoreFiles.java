package dev.shelflife.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Where the history benchmarks keep their stores: a new SQLite file, or a new PostgreSQL schema. */
final class HistoryStoreFiles {

    static final String POSTGRES = "SHELFLIFE_POSTGRES_URL";

    private HistoryStoreFiles() {}

    /** A URL of a new, empty store of the kind ({@code sqlite} or {@code postgresql}). */
    static String newStore(String kind, Path folder) {
        if (kind.equals("sqlite")) {
            return "jdbc:sqlite:" + folder.resolve("history-" + UUID.randomUUID() + ".db");
        }
        String url = System.getenv(POSTGRES);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(
                    "the PostgreSQL benchmarks need " + POSTGRES + "=jdbc:postgresql://HOST:PORT/DB?user=…&password=…");
        }
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Removes a store the benchmarks made. */
    static void remove(String url, Path folder) {
        if (url.startsWith("jdbc:sqlite:")) {
            deleteFolderContents(folder);
            return;
        }
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection connection = DriverManager.getConnection(System.getenv(POSTGRES));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + schema + ": " + e.getMessage(), e);
        }
    }

    static Path newFolder() {
        try {
            return Files.createTempDirectory("shelflife-history-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteFolderContents(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .filter(p -> !p.equals(folder))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes a store's files take on disk: the database, its WAL and shared memory. */
    static long bytesOnDisk(Path database) {
        long total = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path file = database.resolveSibling(database.getFileName() + suffix);
            try {
                total += Files.exists(file) ? Files.size(file) : 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }
}
