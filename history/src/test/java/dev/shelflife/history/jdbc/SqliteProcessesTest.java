package dev.shelflife.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.RecordedScan;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes write one SQLite store: at once, and one killed in the middle of a record. */
class SqliteProcessesTest {

    @TempDir
    Path folder;

    @Test
    void letsTwoProcessesCreateAndWriteOneStoreAtOnceAndLosesNothing() throws Exception {
        Path file = folder.resolve("history.db");
        String url = "jdbc:sqlite:" + file;
        List<String> recorded = new ArrayList<>();
        try (ChildProcess first = ChildProcess.start(url, "first", 25, folder.resolve("first.log"));
                ChildProcess second = ChildProcess.start(url, "second", 25, folder.resolve("second.log"))) {
            assertThat(first.awaitExit(300))
                    .as(log(folder.resolve("first.log")))
                    .isZero();
            assertThat(second.awaitExit(300))
                    .as(log(folder.resolve("second.log")))
                    .isZero();
            recorded.addAll(first.recorded());
            recorded.addAll(second.recorded());
        }

        assertThat(recorded).hasSize(50).doesNotHaveDuplicates();
        Checks.assertConsistent(file, 50);
        try (HistoryStore store = HistoryStores.open(file.toString())) {
            assertThat(store.timeline(Reports.IMAGE.name()).orElseThrow().scans())
                    .extracting(scan -> scan.scan().id())
                    .containsExactlyInAnyOrderElementsOf(recorded);
        }
    }

    @Test
    void keepsEveryReportAProcessKilledMidRecordSaidItRecordedAndNoHalfOfAnother() throws Exception {
        Path file = folder.resolve("history.db");
        String url = "jdbc:sqlite:" + file;
        List<String> recorded;
        try (ChildProcess child = ChildProcess.start(url, "doomed", -1, folder.resolve("doomed.log"))) {
            assertThat(child.awaitRecorded(15, 300))
                    .as(log(folder.resolve("doomed.log")))
                    .isTrue();
            child.kill();
            recorded = child.recorded();
        }

        try (HistoryStore store = HistoryStores.open(file.toString())) {
            List<String> held = store.timeline(Reports.IMAGE.name()).orElseThrow().scans().stream()
                    .map(scan -> scan.scan())
                    .map(RecordedScan::id)
                    .toList();
            assertThat(held).containsAll(recorded);
            // The report being recorded when the process died is either all there or not at all.
            assertThat(held.size()).isBetween(recorded.size(), recorded.size() + 1);
            Checks.assertConsistent(file, held.size());
        }
    }

    private static String log(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }
}
