package dev.shelflife.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * The next instant at which a verdict changes on its own, and why.
 *
 * <p>The forecast is exact: evaluated at any instant from the verdict's own up to one
 * nanosecond before {@code at}, the verdict is the same; evaluated at {@code at}, it differs.
 *
 * @param at the instant of the change
 * @param reason what happens then, for a person ({@code "CVE-2024-1234 HIGH in openssl 3.0.13
 *     reaches its 30d SLA …"}); simultaneous changes are joined with {@code "; "}
 * @since 0.1
 */
public record Forecast(Instant at, String reason) {

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the reason is blank
     */
    public Forecast {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("forecast reason must not be blank");
        }
    }
}
