package dev.shelflife.snyk;

import dev.shelflife.json.SarifHead;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.List;

/**
 * Recognises a SARIF log of Snyk's package scanners by its first run's {@code tool.driver.name}
 * ({@link SarifHead}, which reads the log as a stream for as far as the decision needs). Logs of
 * other tools (Trivy, Grype) are another adapter's: the driver's name decides, so that no two
 * adapters claim one log.
 */
final class SarifSniffer {

    private static final List<String> PACKAGE_TOOLS = List.of("Snyk Container", "Snyk Open Source");

    private SarifSniffer() {}

    static Detection detect(ReportSource source) {
        SarifHead head = SarifHead.read(source);
        String format = SnykSarifReader.FORMAT;
        if (!head.sarif()) {
            return Detection.none(format, head.notSarif());
        }
        if (head.tool().isEmpty()) {
            return Detection.of(0.2, format, "a SARIF log whose first run names no tool");
        }
        String tool = head.tool().get();
        if (isPackageTool(tool)) {
            return Detection.certain(format, head.version().orElse(null), "a SARIF log from " + tool);
        }
        if (tool.startsWith("Snyk")) {
            return Detection.of(
                    0.3,
                    format,
                    "a SARIF log from " + tool
                            + ", which reports code or configuration issues, not vulnerable packages");
        }
        return Detection.of(0.1, format, "a SARIF log from " + tool + ", not from Snyk");
    }

    static boolean isPackageTool(String name) {
        return PACKAGE_TOOLS.stream().anyMatch(name::startsWith);
    }
}
