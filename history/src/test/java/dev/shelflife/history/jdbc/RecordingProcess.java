package dev.shelflife.history.jdbc;

import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import dev.shelflife.history.RecordContext;
import dev.shelflife.history.Recorded;
import java.time.Duration;

/**
 * A process that records reports into a store and prints the id of each one once its record has
 * returned: {@code URL NAME COUNT} (a count below zero records until it is killed). The tests start
 * it as a separate JVM to check that two processes write one store at once, and that killing one
 * in the middle of a record loses none of the reports it said were recorded.
 */
public final class RecordingProcess {

    private RecordingProcess() {}

    public static void main(String[] args) {
        String url = args[0];
        String name = args[1];
        int count = Integer.parseInt(args[2]);
        int offset = Math.abs(name.hashCode() % 1000) * 1000;
        try (HistoryStore store = HistoryStores.open(url)) {
            System.out.println("open");
            System.out.flush();
            for (int i = 0; count < 0 || i < count; i++) {
                Recorded recorded = store.record(
                        Reports.scan(Reports.T0.plus(Duration.ofSeconds(offset + i)), offset + i, 200),
                        RecordContext.of(Reports.T0, name));
                System.out.println("recorded " + recorded.id());
                System.out.flush();
            }
        }
        System.out.println("done");
    }
}
