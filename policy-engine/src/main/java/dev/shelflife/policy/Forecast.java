package dev.shelflife.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The next instant at which a verdict changes on its own, and why.
 *
 * <p>The forecast is exact: evaluated at any instant from the verdict's own up to one
 * nanosecond before {@code at}, the verdict is the same; evaluated at {@code at}, it differs.
 *
 * @param at the instant of the change
 * @param reasons what happens then, for a person, one entry per change at that instant
 *     ({@code "CVE-2024-1234 HIGH in openssl 3.0.13 reaches its 30d SLA …"}), each once, sorted
 *     (since 0.2; before, one string joined with {@code "; "})
 * @since 0.1
 */
public record Forecast(Instant at, List<String> reasons) {

    /**
     * Validates the parts and copies the reasons.
     *
     * @throws IllegalArgumentException if there is no reason or a reason is blank
     */
    public Forecast {
        Objects.requireNonNull(at, "at");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a forecast needs a reason");
        }
        for (String reason : reasons) {
            if (reason.isBlank()) {
                throw new IllegalArgumentException("forecast reason must not be blank");
            }
        }
    }

    /**
     * A forecast of one change.
     *
     * @param at the instant of the change
     * @param reason what happens then
     * @throws IllegalArgumentException if the reason is blank
     */
    public Forecast(Instant at, String reason) {
        this(at, List.of(reason));
    }

    /**
     * The reasons as one text, as the JSON output and single-line displays show them.
     *
     * @return the reasons joined with {@code "; "}
     */
    public String reason() {
        return String.join("; ", reasons);
    }
}
