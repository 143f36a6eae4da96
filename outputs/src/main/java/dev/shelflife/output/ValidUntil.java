package dev.shelflife.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Verdict;
import java.util.Optional;

/** The answer to "until when does this verdict pass", as the JSON and SARIF outputs write it. */
final class ValidUntil {

    private ValidUntil() {}

    /**
     * Puts the key {@code validUntil}: whether the verdict passes and, if it does, the instant it
     * stops and why ({@code null} for both when it passes for good); {@code null} when the verdict
     * passes, its forecast is not empty, and the caller did not say.
     *
     * @param json where to put the key
     * @param verdict the verdict
     * @param validUntil what {@code PolicyEngine.validUntil} said of it, if the caller asked
     */
    static void put(ObjectNode json, Verdict verdict, Optional<Optional<Forecast>> validUntil) {
        boolean passing = verdict.outcome() == Outcome.PASS;
        Optional<Optional<Forecast>> known = passing
                ? validUntil.or(() -> verdict.nextChange().isEmpty() ? Optional.of(Optional.empty()) : Optional.empty())
                : Optional.of(Optional.empty());
        if (known.isEmpty()) {
            json.putNull("validUntil");
            return;
        }
        ObjectNode valid = json.putObject("validUntil");
        valid.put("passing", passing);
        Optional<Forecast> end = passing ? known.get() : Optional.empty();
        valid.put("at", end.map(f -> f.at().toString()).orElse(null));
        valid.put("reason", end.map(Forecast::reason).orElse(null));
    }
}
