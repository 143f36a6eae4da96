package dev.shelflife.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.history.IssuedVerdict;
import dev.shelflife.history.TagObservation;
import dev.shelflife.history.Timeline;
import dev.shelflife.policy.Mode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes a {@link HistoryView} as the JSON object of {@code shelflife history --output json},
 * whose shape {@code docs/cli.md} documents: written key by key; every key is always present, an
 * unknown value is {@code null}.
 */
final class HistoryJson {

    /** The version of the output shape; raised only when a key is removed or changes meaning. */
    static final int OUTPUT_VERSION = 1;

    private HistoryJson() {}

    /**
     * Writes the view as one pretty-printed JSON object and a line break.
     *
     * @param view the view
     * @param out where to write
     */
    static void write(HistoryView view, PrintStream out) {
        VerdictJson.print(tree(view), out);
    }

    /**
     * The view as a JSON tree, which the HTML page also carries.
     *
     * @param view the view
     * @return the tree
     */
    static ObjectNode tree(HistoryView view) {
        Timeline timeline = view.timeline();
        ObjectNode json = VerdictJson.object();
        json.put("outputVersion", OUTPUT_VERSION);
        json.put("subject", timeline.subject());
        json.put("lineage", timeline.lineage());
        json.put("at", view.at().toString());
        json.put("horizonDays", view.horizon().toDays());
        json.put("policy", view.policyFile().orElse(null));
        json.put("forecastImage", view.forecastImage().map(ImageRef::toString).orElse(null));
        ArrayNode images = json.putArray("images");
        timeline.images().forEach(image -> images.add(image.toString()));
        ArrayNode stages = json.putArray("stages");
        for (HistoryView.Lane lane : view.lanes()) {
            ObjectNode stage = stages.addObject();
            stage.put("stage", lane.stage().name());
            stage.put("mode", lane.mode().map(Mode::name).orElse(null));
            lane.now()
                    .ifPresentOrElse(
                            now -> {
                                ObjectNode current = stage.putObject("now");
                                current.put("outcome", now.outcome().name());
                                current.put("violations", now.violations().size());
                                put(current, "nextChangeAt", now.nextChange().map(c -> c.at()));
                                current.put(
                                        "nextChangeReason",
                                        now.nextChange().map(c -> c.reason()).orElse(null));
                            },
                            () -> stage.putNull("now"));
            ArrayNode bands = stage.putArray("bands");
            for (HistoryView.Band band : lane.bands()) {
                ObjectNode entry = bands.addObject();
                entry.put("from", band.from().toString());
                entry.put("to", band.to().toString());
                entry.put("outcome", band.outcome());
                entry.put("source", band.source().name());
                entry.put("image", band.image());
                entry.put("reason", band.reason());
            }
            ArrayNode deadlines = stage.putArray("deadlines");
            for (HistoryView.Deadline deadline : lane.deadlines()) {
                ObjectNode entry = deadlines.addObject();
                entry.put("at", deadline.at().toString());
                entry.put("passed", deadline.passed());
                entry.put("reason", deadline.reason());
            }
        }
        ArrayNode scans = json.putArray("scans");
        for (Timeline.Scan scan : timeline.scans()) {
            ObjectNode entry = scans.addObject();
            entry.put("id", scan.scan().id());
            entry.put("image", scan.scan().image());
            ObjectNode scanner = entry.putObject("scanner");
            scanner.put("name", scan.scan().scanner().name());
            scanner.put("version", scan.scan().scanner().version().orElse(null));
            entry.put("kind", scan.kind().name());
            entry.put("scannedAt", scan.scan().scannedAt().toString());
            entry.put("findings", scan.findings());
        }
        ArrayNode findings = json.putArray("findings");
        for (Timeline.FindingSpan finding : timeline.findings()) {
            ObjectNode entry = findings.addObject();
            entry.put("vulnerability", finding.vulnerabilityId());
            pkg(entry.putObject("package"), finding.pkg());
            entry.put("severity", finding.severity().name());
            entry.put("firstSeen", finding.firstSeen().toString());
            put(entry, "fixAvailableSince", finding.fixAvailableSince());
            entry.put("lastSeen", finding.lastSeen().toString());
            put(entry, "goneSince", finding.goneSince());
        }
        ArrayNode tags = json.putArray("tags");
        for (TagObservation tag : timeline.tags()) {
            ObjectNode entry = tags.addObject();
            entry.put("reference", tag.reference().toString());
            entry.put("digest", tag.digest());
            entry.put("firstSeen", tag.firstSeen().toString());
            entry.put("lastSeen", tag.lastSeen().toString());
            entry.put("observedBy", tag.observedBy());
        }
        ArrayNode verdicts = json.putArray("verdicts");
        for (IssuedVerdict verdict : timeline.verdicts()) {
            ObjectNode entry = verdicts.addObject();
            entry.put("image", verdict.image().toString());
            entry.put("stage", verdict.stage().name());
            entry.put("outcome", verdict.outcome());
            entry.put("at", verdict.at().toString());
            put(entry, "nextChangeAt", verdict.nextChange());
            entry.put("nextChangeReason", verdict.nextChangeReason().orElse(null));
        }
        ObjectNode leftOut = json.putObject("leftOut");
        leftOut.put("scans", view.leftOut().scans());
        leftOut.put("findings", view.leftOut().findings());
        leftOut.put("tags", view.leftOut().tags());
        leftOut.put("verdicts", view.leftOut().verdicts());
        return json;
    }

    private static void pkg(ObjectNode json, InstalledPackage pkg) {
        json.put("name", pkg.name());
        json.put("version", pkg.version().orElse(null));
        json.put("purl", pkg.purl().orElse(null));
    }

    private static void put(ObjectNode json, String key, Optional<Instant> instant) {
        json.put(key, instant.map(Instant::toString).orElse(null));
    }
}
