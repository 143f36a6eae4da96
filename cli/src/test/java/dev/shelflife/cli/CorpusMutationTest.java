package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.ImageRecord;
import dev.shelflife.Problem;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Treatment;
import dev.shelflife.policy.rule.Coverage;
import dev.shelflife.policy.rule.SeverityGate;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.testkit.Corpus.CorpusFile;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The metamorphic property of reading that the gate rests on, over every JSON scanner report of the
 * corpus: a report the policy fails never passes because a key of it was deleted, renamed or
 * spelled in another case, or because another format's identifying keys were added to it, unless
 * the report then carries a problem (which the coverage rule sees) or reading it fails with a
 * located exception.
 *
 * <p>For each report that fails at the build stage (the scan's date plus a day, or 2026-11-27 when
 * it has none) under the default policy, or under a policy where any finding blocks, every distinct
 * key path (array positions folded: {@code /Results/* /Vulnerabilities/* /FixedVersion}) is mutated
 * at one position picked with a fixed seed: the key deleted, renamed ({@code x-} before it), and
 * spelled with its first letter's case flipped and in lower case; and each other format's
 * identifying keys are added first and last. Arrays are cut, before mutating, to their first
 * elements (2, or as many more as the report needs to fail still) and the elements that show a key
 * path no earlier element shows: fewer findings make a mutation more likely to matter, and reading
 * a small document is fast.
 *
 * <p>Some mutations give exactly what a real scanner writes when it found nothing, and no reader can
 * tell them from it; they are listed in {@link #INDISTINGUISHABLE}, with the reason, and counted
 * apart. Any other pass without a problem fails the test.
 */
class CorpusMutationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NO_SCAN_TIME = Instant.parse("2026-11-27T00:00:00Z");
    private static final List<String> FOLDERS = List.of("trivy", "grype", "snyk", "cyclonedx");
    private static final int FIRST_ELEMENTS_KEPT = 2;

    /** The default policy, and one in which any finding blocks the build, so that every report with findings counts. */
    private static final Map<String, PolicyEngine> POLICIES = new LinkedHashMap<>();

    static {
        POLICIES.put("default", PolicyEngine.of(Policies.defaults()));
        POLICIES.put(
                "any-finding",
                PolicyEngine.of(Policy.builder()
                        .stage(
                                Stage.BUILD,
                                Mode.ENFORCE,
                                SeverityGate.atLeast(Severity.NEGLIGIBLE),
                                Coverage.failClosed()
                                        .reportProblems(Treatment.WARN)
                                        .unknownSeverity(Treatment.WARN))
                        .build()));
    }

    /** Another format's identifying keys, to add to a report. */
    private static final List<Map.Entry<String, String>> FOREIGN_MARKERS = List.of(
            Map.entry(
                    "trivy", "{\"SchemaVersion\": 2, \"ArtifactName\": \"x\", \"ArtifactType\": \"container_image\"}"),
            Map.entry(
                    "grype",
                    "{\"matches\": [], \"source\": {\"type\": \"image\", \"target\": {\"userInput\": \"x\"}},"
                            + " \"descriptor\": {\"name\": \"grype\"}}"),
            Map.entry(
                    "snyk",
                    "{\"ok\": true, \"packageManager\": \"npm\", \"projectName\": \"x\", \"dependencyCount\": 1}"),
            Map.entry("cyclonedx", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\"}"),
            Map.entry(
                    "sarif",
                    "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\"}"));

    /** A mutation: what was done, where. */
    private record Mutation(String file, String kind, String path) {
        @Override
        public String toString() {
            return file + ": " + kind + " " + path;
        }
    }

    /**
     * Mutations that give what the scanner itself writes when it found nothing there, and why no
     * reader can tell them from it (each adapter's page, docs/adapters, says what a real empty
     * report looks like).
     */
    private static final List<Map.Entry<String, Predicate<Mutation>>> INDISTINGUISHABLE = List.of(
            Map.entry(
                    "Trivy SchemaVersion 2 leaves Vulnerabilities out of a result without any (json omitempty): an"
                            + " os-pkgs result without it is what Trivy writes for a clean OS (dd-scheme_2_no_vuln.json)",
                    m -> m.file().startsWith("trivy/")
                            && isRemoval(m)
                            && m.path().equals("/Results/*/Vulnerabilities")),
            Map.entry(
                    "Trivy leaves FixedVersion out when there is no fix, and wrote no Status before v0.3x: without"
                            + " Status an entry without FixedVersion is an unfixed one",
                    m -> m.file().startsWith("trivy/")
                            && isRemoval(m)
                            && m.path().endsWith("/Vulnerabilities/*/FixedVersion")),
            Map.entry(
                    "Grype 0.7 leaves fixedInVersion out when there is no fix (1,477 of the 1,509 matches of"
                            + " dd-many_vulns-grype-0.7.0 have none): a match without it is an unfixed one",
                    m -> m.file().startsWith("grype/")
                            && isRemoval(m)
                            && m.path().equals("/matches/*/vulnerability/fixedInVersion")),
            Map.entry(
                    "Snyk writes applications only for the applications it found in an image, and none with"
                            + " --exclude-app-vulns: an image project without it is one whose applications were not"
                            + " scanned",
                    m -> m.file().startsWith("snyk/")
                            && isRemoval(m)
                            && m.path().matches("(/\\*)?/applications")),
            Map.entry(
                    "A CycloneDX document without vulnerabilities is an SBOM, an inventory of packages: whether it"
                            + " counts as a scan is for the evidence kind of the report to say, not for the reader",
                    m -> m.file().startsWith("cyclonedx/")
                            && isRemoval(m)
                            && m.path().equals("/vulnerabilities")));

    private static boolean isRemoval(Mutation mutation) {
        return mutation.kind().equals("delete") || mutation.kind().equals("rename");
    }

    @Test
    void neverPassesAFailingReportBecauseAKeyWasRemovedMisspelledOrAForeignFormatsKeysAdded() throws IOException {
        Corpus corpus = Corpus.require();
        ScannerAdapters adapters = ScannerAdapters.load();
        long started = System.nanoTime();
        int reports = 0;
        int mutants = 0;
        List<String> unflagged = new ArrayList<>();
        Map<String, Integer> indistinguishable = new LinkedHashMap<>();
        for (String folder : FOLDERS) {
            for (CorpusFile file : corpus.files(folder)) {
                if (!file.name().endsWith(".json")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file.path());
                ScanReport original = adapters.read(ReportSource.of(file.name(), bytes));
                Instant at = original.scannedAt()
                        .map(t -> t.plus(Duration.ofDays(1)))
                        .orElse(NO_SCAN_TIME);
                List<String> failing = POLICIES.keySet().stream()
                        .filter(policy -> outcome(policy, original, at) == Outcome.FAIL)
                        .toList();
                if (failing.isEmpty()) {
                    continue;
                }
                reports++;
                JsonNode document = reduced(JSON.readTree(bytes), adapters, file.name(), failing, at);
                for (Mutant mutant : mutants(file.name(), document)) {
                    mutants++;
                    String broken = passesWithoutAProblem(adapters, mutant, failing, at);
                    if (broken == null) {
                        continue;
                    }
                    String reason = INDISTINGUISHABLE.stream()
                            .filter(e -> e.getValue().test(mutant.mutation()))
                            .map(Map.Entry::getKey)
                            .findFirst()
                            .orElse(null);
                    if (reason != null) {
                        indistinguishable.merge(reason.substring(0, reason.indexOf(' ', 12)), 1, Integer::sum);
                    } else {
                        unflagged.add(mutant.mutation() + " passes " + broken + " without a problem");
                    }
                }
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.err.printf(
                "[shelflife] corpus mutation: %d failing reports, %d mutants in %d ms; %d passed without a problem"
                        + " as a real nothing-found report would: %s%n",
                reports,
                mutants,
                millis,
                indistinguishable.values().stream().mapToInt(Integer::intValue).sum(),
                indistinguishable);

        assertThat(reports).as("failing reports in the corpus").isGreaterThanOrEqualTo(10);
        assertThat(unflagged)
                .as("mutants of failing reports that pass without a problem")
                .isEmpty();
    }

    private static Outcome outcome(String policy, ScanReport report, Instant at) {
        return POLICIES.get(policy)
                .evaluate(ImageRecord.of(List.of(report)), Stage.BUILD, at)
                .outcome();
    }

    /**
     * Reads a mutant and says which policy it now passes without a problem, if any; {@code null}
     * when it fails or warns under every policy it failed before, carries a problem, or cannot be
     * read at all.
     */
    private static String passesWithoutAProblem(
            ScannerAdapters adapters, Mutant mutant, List<String> failing, Instant at) {
        ScanReport report;
        try {
            report = adapters.read(ReportSource.of(mutant.mutation().file(), mutant.bytes()));
        } catch (ReportParseException refused) {
            return null;
        }
        boolean problem = report.problems().stream().anyMatch(p -> p.kind() != Problem.Kind.IGNORED_BY_SCANNER);
        if (problem) {
            return null;
        }
        return failing.stream()
                .filter(policy -> outcome(policy, report, at) == Outcome.PASS)
                .findFirst()
                .orElse(null);
    }

    /** A mutated document. */
    private record Mutant(Mutation mutation, byte[] bytes) {}

    /** Every mutation of a document, built one at a time as the caller asks. */
    private static Iterable<Mutant> mutants(String file, JsonNode document) {
        List<KeyAt> keys = new ArrayList<>();
        collect(document, new ArrayList<>(), "", keys);
        Map<String, List<KeyAt>> byPath = new LinkedHashMap<>();
        for (KeyAt key : keys) {
            byPath.computeIfAbsent(key.normalized(), p -> new ArrayList<>()).add(key);
        }
        Random random = new Random(file.hashCode());
        List<java.util.function.Supplier<Mutant>> all = new ArrayList<>();
        for (List<KeyAt> occurrences : byPath.values()) {
            KeyAt key = occurrences.get(random.nextInt(occurrences.size()));
            for (String kind : List.of("delete", "rename", "flip", "lower")) {
                String spelling = spelling(kind, key.name());
                if (spelling != null && spelling.equals(key.name())) {
                    continue;
                }
                all.add(() -> {
                    JsonNode copy = document.deepCopy();
                    ObjectNode parent = (ObjectNode) at(copy, key.parent());
                    if (spelling != null && parent.has(spelling)) {
                        return null;
                    }
                    renameKeepingOrder(parent, key.name(), spelling);
                    return new Mutant(new Mutation(file, kind, key.normalized()), bytes(copy));
                });
            }
        }
        for (Map.Entry<String, String> markers : FOREIGN_MARKERS) {
            if (file.startsWith(markers.getKey() + "/")) {
                continue;
            }
            for (boolean first : new boolean[] {true, false}) {
                all.add(() -> {
                    JsonNode copy = document.deepCopy();
                    JsonNode top = copy.isArray() && copy.size() > 0 ? copy.get(0) : copy;
                    if (!(top instanceof ObjectNode object)) {
                        return null;
                    }
                    ObjectNode added = (ObjectNode) readTree(markers.getValue());
                    ObjectNode result = JSON.createObjectNode();
                    if (first) {
                        added.properties().forEach(e -> result.set(e.getKey(), e.getValue()));
                    }
                    object.properties().forEach(e -> result.set(e.getKey(), e.getValue()));
                    if (!first) {
                        added.properties().forEach(e -> result.set(e.getKey(), e.getValue()));
                    }
                    object.removeAll();
                    object.setAll(result);
                    return new Mutant(
                            new Mutation(file, "add " + markers.getKey() + " keys " + (first ? "first" : "last"), "/"),
                            bytes(copy));
                });
            }
        }
        return () -> all.stream()
                .map(java.util.function.Supplier::get)
                .filter(m -> m != null)
                .iterator();
    }

    private static String spelling(String kind, String name) {
        return switch (kind) {
            case "delete" -> null;
            case "rename" -> "x-" + name;
            case "flip" -> {
                char c = name.charAt(0);
                yield (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))
                        + name.substring(1);
            }
            case "lower" -> name.toLowerCase(Locale.ROOT);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** One key of the document: where its object is, its name, and its path with array positions folded. */
    private record KeyAt(List<Object> parent, String name, String normalized) {}

    private static void collect(JsonNode node, List<Object> path, String normalized, List<KeyAt> keys) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = normalized + "/" + field.getKey();
                keys.add(new KeyAt(List.copyOf(path), field.getKey(), child));
                List<Object> deeper = new ArrayList<>(path);
                deeper.add(field.getKey());
                collect(field.getValue(), deeper, child, keys);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> deeper = new ArrayList<>(path);
                deeper.add(i);
                collect(node.get(i), deeper, normalized + "/*", keys);
            }
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
        }
        return node;
    }

    /** Renames (or, with {@code null}, deletes) a key where it stands among its siblings. */
    private static void renameKeepingOrder(ObjectNode parent, String name, String spelling) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        fields.addAll(parent.properties());
        parent.removeAll();
        for (Map.Entry<String, JsonNode> field : fields) {
            if (!field.getKey().equals(name)) {
                parent.set(field.getKey(), field.getValue());
            } else if (spelling != null) {
                parent.set(spelling, field.getValue());
            }
        }
    }

    /**
     * The document with each array cut to its first two elements, the elements that show a key path
     * no earlier one shows, and the first element that names a vulnerability the policies block on,
     * if the report still fails under the same policies: then one blocking finding is often all that
     * makes it fail, which is what a mutation must not remove silently. Else the first 4, 8 …
     * elements; the whole document when no cut fails still.
     */
    private static JsonNode reduced(
            JsonNode document, ScannerAdapters adapters, String file, List<String> failing, Instant at) {
        ScanReport original = adapters.read(ReportSource.of(file, bytes(document)));
        Set<String> blocking = new HashSet<>();
        for (String policy : failing) {
            POLICIES.get(policy).evaluate(ImageRecord.of(List.of(original)), Stage.BUILD, at).violations().stream()
                    .flatMap(v -> v.finding().stream())
                    .findFirst()
                    .ifPresent(f -> blocking.add("\"" + f.vulnerability().id() + "\""));
        }
        for (int first = FIRST_ELEMENTS_KEPT; first < 1 << 16; first *= 2) {
            JsonNode copy = document.deepCopy();
            if (!cut(copy, "", first, first == FIRST_ELEMENTS_KEPT ? blocking : Set.of())) {
                return document;
            }
            try {
                ScanReport report = adapters.read(ReportSource.of(file, bytes(copy)));
                if (failing.stream().allMatch(policy -> outcome(policy, report, at) == Outcome.FAIL)) {
                    return copy;
                }
            } catch (ReportParseException e) {
                return document;
            }
        }
        return document;
    }

    /**
     * Cuts every array to its first elements, the elements that show a new key path, and the first
     * element whose text holds each of the given quoted strings.
     *
     * @return whether it cut anything
     */
    private static boolean cut(JsonNode node, String normalized, int first, Set<String> wanted) {
        boolean cut = false;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                cut |= cut(field.getValue(), normalized + "/" + field.getKey(), first, wanted);
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            List<JsonNode> kept = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Set<String> found = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                Set<String> own = new HashSet<>();
                paths(element, normalized + "/*", own);
                String text = wanted.isEmpty() ? "" : element.toString();
                boolean names = wanted.stream().anyMatch(w -> !found.contains(w) && text.contains(w));
                if (i < first || !seen.containsAll(own) || names) {
                    kept.add(element);
                    wanted.stream().filter(text::contains).forEach(found::add);
                }
                seen.addAll(own);
            }
            cut = kept.size() < array.size();
            array.removeAll();
            array.addAll(kept);
            for (JsonNode element : kept) {
                cut |= cut(element, normalized + "/*", first, wanted);
            }
        }
        return cut;
    }

    private static void paths(JsonNode node, String normalized, Set<String> into) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                String child = normalized + "/" + field.getKey();
                into.add(child);
                paths(field.getValue(), child, into);
            });
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                paths(element, normalized + "/*", into);
            }
        }
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
