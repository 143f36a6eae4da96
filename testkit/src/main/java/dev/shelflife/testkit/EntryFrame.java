package dev.shelflife.testkit;

import dev.shelflife.spi.ReportSource;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A small report in an adapter's format with a gap for vulnerability entries, for the rows of a
 * kit's adapter test that depend on the format ({@link KitSetup.Builder#frame}): each row writes only the entries
 * it is about, and reads them inside the same report.
 *
 * <pre>{@code
 * EntryFrame.of("acme.json", "{\"acmeScan\": \"1\", \"findings\": [\n", "]}")
 * }</pre>
 *
 * End {@code head} with a line break, so that the entries stand one per line from the line after
 * it, and a row can assert the line of the problem an entry causes.
 *
 * @param name the report's name, used as the source name in messages
 * @param head the report up to the first entry
 * @param tail the report after the last entry
 * @since 0.1
 */
public record EntryFrame(String name, String head, String tail) {

    /** Validates the parts. */
    public EntryFrame {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(tail, "tail");
    }

    /**
     * A frame.
     *
     * @param name the report's name
     * @param head the report up to the first entry
     * @param tail the report after the last entry
     * @return the frame
     */
    public static EntryFrame of(String name, String head, String tail) {
        return new EntryFrame(name, head, tail);
    }

    /**
     * The report with entries in its gap.
     *
     * @param entries the entries, as written in the format
     * @return the report, in UTF-8, under this frame's name
     */
    public ReportSource around(String entries) {
        return document(head + entries + tail);
    }

    /**
     * A whole report of the row's own, under this frame's name.
     *
     * @param text the report
     * @return the report, in UTF-8
     */
    public ReportSource document(String text) {
        return ReportSource.of(name, text.getBytes(StandardCharsets.UTF_8));
    }
}
