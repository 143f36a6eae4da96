package dev.shelflife.sarif;

import dev.shelflife.json.SarifHead;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.Optional;

/**
 * Recognises a SARIF log of Trivy or Grype by its first run's {@code tool.driver.name}
 * ({@link SarifHead}, which reads the log as a stream for as far as the decision needs). Logs of
 * other tools, Snyk's among them, are not claimed: the driver's name decides, so that this adapter
 * and Snyk's never both claim one log.
 */
final class SarifSniffer {

    private SarifSniffer() {}

    static Detection detect(ReportSource source) {
        SarifHead head = SarifHead.read(source);
        if (!head.sarif()) {
            return Detection.none(SarifReader.FORMAT, head.notSarif());
        }
        if (head.tool().isEmpty()) {
            return Detection.of(0.2, SarifReader.FORMAT, "a SARIF log whose first run names no tool");
        }
        String tool = head.tool().get();
        Optional<Dialect> dialect = Dialect.of(tool);
        if (dialect.isPresent()) {
            return Detection.certain(dialect.get().format(), head.version().orElse(null), "a SARIF log from " + tool);
        }
        return Detection.of(0.1, SarifReader.FORMAT, "a SARIF log from " + tool + ", not from Trivy or Grype");
    }
}
