package dev.shelflife.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.shelflife.EvidenceKind;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit catches adapters that break it: each broken adapter below, the {@link TinyScannerAdapter}
 * with one flaw, fails the checks that name its flaw, with a message that says what is wrong, run
 * through the JUnit Platform as a build would run them. (The kits are nested classes, which the
 * build's own test run leaves alone.)
 */
class ScannerAdapterKitSelfTest {

    private static final String SAMPLE = """
            {"tinyScan": "1", "findings": [
              {"id": "CVE-2024-0001", "name": "musl"},
              {"id": "CVE-2024-0002", "name": "busybox"},
              {"id": "CVE-2024-0003"}]}
            """;

    private static final String TEMPLATE = """
            {"tinyScan": "1", $TOP$"findings": [
              {$ENTRY$"id": "CVE-2024-0001", "name": "musl$TEXT$"},
              {"id": "CVE-2024-0002", "name": "busybox"}]}
            """;

    static KitSetup.Builder setupOf(ScannerAdapter adapter) {
        return KitSetup.of(adapter)
                .sample(KitSample.of("tiny.json", SAMPLE.getBytes(StandardCharsets.UTF_8))
                        .entries(3))
                .template(KitTemplate.json("tiny.json", TEMPLATE)
                        .entries(2)
                        .entryAt("/findings/0")
                        .textAt("/findings/0/name"))
                .frame(EntryFrame.of("frame.json", "{\"tinyScan\": \"1\", \"findings\": [\n", "]}"))
                .without(KitCheck.NUMBERS_WHERE_TEXT_BELONGS, "a Tiny finding carries no version, severity or score");
    }

    @Test
    void passesTheAdapterTheBrokenOnesWrap() {
        Outcome outcome = run(Unbroken.class);

        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.passed()).as("the checks that ran").hasSizeGreaterThan(30);
        assertThat(outcome.skipped())
                .containsOnlyKeys(KitCheck.NUMBERS_WHERE_TEXT_BELONGS.testName())
                .containsValue("numbers-where-text-belongs (" + KitCheck.NUMBERS_WHERE_TEXT_BELONGS.testName()
                        + ") does not apply to tiny: a Tiny finding carries no version, severity or score");
    }

    @Test
    void failsAnAdapterThatReadsATruncatedDocumentAsTheFindingsBeforeTheCut() {
        Outcome outcome = run(PartialOnTruncation.class);

        assertThat(outcome.failed().get(KitCheck.TRUNCATION.testName()))
                .singleElement()
                .asString()
                .contains("reading tiny.json (0 bytes) returned a report of")
                .contains("instead of ending in a located ReportParseException");
        assertThat(outcome.failed().get(KitCheck.GARBAGE.testName()))
                .singleElement()
                .asString()
                .contains("reading \"\" returned a report of", "instead of ending in a located ReportParseException");
    }

    @Test
    void failsAnAdapterThatThrowsANullPointerExceptionOnBadInput() {
        Outcome outcome = run(ThrowsNpe.class);

        assertThat(outcome.failed().get(KitCheck.TRUNCATION.testName()))
                .singleElement()
                .asString()
                .contains("ended in java.lang.NullPointerException: entry", "not in a located ReportParseException");
        assertThat(outcome.failed().get(KitCheck.GARBAGE.testName()))
                .singleElement()
                .asString()
                .contains("reading \"\" ended in java.lang.NullPointerException: entry");
        assertThat(outcome.failed().get(KitCheck.SAMPLE_TRUNCATION.testName()))
                .singleElement()
                .asString()
                .contains("[tiny.json cut at 0 bytes]", NullPointerException.class.getName());
        assertThat(outcome.failed())
                .containsKeys(KitCheck.INVALID_UTF8.testName(), KitCheck.TRAILING_CONTENT.testName());
    }

    @Test
    void failsAnAdapterWhoseExceptionsDoNotSayWhere() {
        Outcome outcome = run(Unlocated.class);

        assertThat(outcome.failed().get(KitCheck.GARBAGE.testName()))
                .singleElement()
                .asString()
                .contains("[reading \"\"]", "to start with:", "\"garbage.json\"");
        assertThat(outcome.failed().get(KitCheck.TRUNCATION.testName()))
                .singleElement()
                .asString()
                .contains(
                        "[the source named by " + ReportParseException.class.getName() + ": report",
                        "expected: \"tiny.json\"",
                        "but was: \"report\"");
        assertThat(outcome.failed().get(KitCheck.SAMPLE_TRUNCATION.testName()))
                .singleElement()
                .asString()
                .contains("[tiny.json cut at 0 bytes]", "to start with:", "\"cut.json\"");
    }

    @Test
    void failsAnAdapterThatIgnoresTheDepthLimit() {
        Outcome outcome = run(IgnoresTheDepthLimit.class);

        assertThat(outcome.failed().get(KitCheck.SAMPLE_DEPTH_LIMIT.testName()))
                .singleElement()
                .asString()
                .contains("reading tiny.json under a depth limit of 2 returned a report of");
        assertThat(outcome.failed().get(KitCheck.DEPTH_LIMIT.testName()))
                .singleElement()
                .asString()
                .contains(
                        "[tiny.json reads under a depth limit of 1: the limit (ReadLimits.maxDepth) is not enforced]");
        assertThat(outcome.failed().get(KitCheck.DEEP_UNKNOWN_FIELDS.testName()))
                .singleElement()
                .asString()
                .contains("returned a report of", "instead of ending in a located ReportParseException");
        assertThat(outcome.failed()).doesNotContainKeys(KitCheck.TRUNCATION.testName(), KitCheck.GARBAGE.testName());
    }

    @Test
    void failsAnAdapterWhoseReportsNameAnotherAdapter() {
        Outcome outcome = run(WrongFormatId.class);

        assertThat(outcome.failed())
                .containsOnlyKeys(KitCheck.SAMPLE_READ.testName())
                .extractingByKey(KitCheck.SAMPLE_READ.testName())
                .asString()
                .contains(
                        "[the adapter id in the format of the report read from tiny.json]",
                        "expected: \"tiny\"",
                        "but was: \"tinyscan\"");
    }

    @Test
    void failsAnAdapterThatClaimsWhatIsNotItsFormat() {
        Outcome outcome = run(ClaimsEverything.class);

        assertThat(outcome.failed().get(KitCheck.FOREIGN_INPUT.testName()))
                .singleElement()
                .asString()
                .contains("[claims ]");
        assertThat(outcome.failed().get(KitCheck.FOREIGN_REPORTS.testName()))
                .isNotEmpty()
                .allSatisfy(message -> assertThat(message).contains("[claims "));
    }

    @Test
    void failsAnAdapterThatReadsMoreEntriesThanTheLimit() {
        Outcome outcome = run(IgnoresTheEntryLimit.class);

        assertThat(outcome.failed())
                .extractingByKey(KitCheck.ENTRY_LIMIT.testName())
                .asString()
                .contains("reading tiny.json", "returned a report of");
    }

    @Test
    void failsAnAdapterNotFoundUnderItsId() {
        Outcome outcome = run(NotRegistered.class);

        assertThat(outcome.failed())
                .extractingByKey(KitCheck.DISCOVERY.testName())
                .asString()
                .contains("ServiceLoader finds " + NotRegisteredAdapter.class.getName() + " under its id");
    }

    @Test
    void showsAnOptedOutCheckAsSkippedWithItsReason() {
        Outcome outcome = run(OptsOut.class);

        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.skipped())
                .containsEntry(
                        KitCheck.DEPTH_LIMIT.testName(),
                        "depth-limit (enforcesAndNamesTheDepthLimit) does not apply to tiny.json: a reason")
                .containsEntry(
                        KitCheck.SAMPLE_STREAM.testName(),
                        "sample-stream (streamsWhatItReads) does not apply to tiny.json: another reason")
                .containsEntry(
                        KitCheck.GARBAGE.testName(),
                        "garbage (endsGarbageInALocatedException) does not apply to tiny: a third reason");
    }

    @Test
    void refusesASetupThatLacksAPartOrOptsOutWhereACheckDoesNotRun() {
        TinyScannerAdapter tiny = new TinyScannerAdapter();

        assertThatThrownBy(() -> KitSetup.of(tiny)
                        .sample(KitSample.of("a.json", new byte[0]))
                        .build())
                .hasMessage("a.json: say how many raw entries the sample holds, with entries(int)");
        assertThatThrownBy(() -> setupOf(tiny)
                        .template(
                                KitTemplate.json("b.json", TEMPLATE).entries(2).entryAt("/findings/0"))
                        .build())
                .hasMessage("b.json: say where $TEXT$ stands, with textAt(pointer)");
        assertThatThrownBy(() -> KitSetup.of(tiny)
                        .sample(KitSample.of("c.json", new byte[0]).entries(1))
                        .template(KitTemplate.json("c.json", TEMPLATE)
                                .entries(2)
                                .entryAt("/findings/0")
                                .textAt("/findings/0/name"))
                        .build())
                .hasMessageContaining("give numbersWhereTextBelong(entry), or say why")
                .hasMessageContaining("without(KitCheck.NUMBERS_WHERE_TEXT_BELONGS, reason)");
        assertThatThrownBy(() -> KitSample.of("d.json", new byte[0]).without(KitCheck.DEPTH_LIMIT, "flat"))
                .hasMessage("depth-limit (enforcesAndNamesTheDepthLimit) runs on the template, not on each sample:"
                        + " opt out of it there");
        assertThatThrownBy(() -> setupOf(tiny).without(KitCheck.GARBAGE, " "))
                .hasMessage("garbage (endsGarbageInALocatedException): say why it does not apply");
        assertThatThrownBy(() -> KitTemplate.json("e.json", "{}"))
                .hasMessage("e.json: the template must hold $TOP$ exactly once");
    }

    // ---- running a kit as a build would

    /** What each check of a kit did: the messages of its failures, the reasons of its skips. */
    record Outcome(Map<String, List<String>> failed, Map<String, String> skipped, List<String> passed) {

        void add(String check, TestExecutionResult result) {
            String message = result.getThrowable().map(Throwable::getMessage).orElse("");
            switch (result.getStatus()) {
                case SUCCESSFUL -> passed.add(check);
                case ABORTED -> skipped.put(check, message);
                case FAILED ->
                    failed.computeIfAbsent(check, c -> new ArrayList<>()).add(message);
            }
        }
    }

    private static Outcome run(Class<? extends ScannerAdapterKit> kit) {
        Outcome outcome = new Outcome(new TreeMap<>(), new TreeMap<>(), new ArrayList<>());
        TestExecutionListener record = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    outcome.add(checkOf(test), result);
                }
            }
        };
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(kit))
                                .build(),
                        record);
        return outcome;
    }

    /** The kit's method a test comes from, a dynamic test's factory included. */
    private static String checkOf(TestIdentifier test) {
        List<UniqueId.Segment> segments = UniqueId.parse(test.getUniqueId()).getSegments();
        return segments.stream()
                .filter(s -> s.getType().equals("method") || s.getType().equals("test-factory"))
                .map(s -> s.getValue().substring(0, s.getValue().indexOf('(')))
                .findFirst()
                .orElse(test.getDisplayName());
    }

    // ---- the kits, and the flaws of their adapters

    static class Unbroken extends ScannerAdapterKit {
        Unbroken() {
            super(setupOf(new TinyScannerAdapter()).build());
        }
    }

    static class OptsOut extends ScannerAdapterKit {
        OptsOut() {
            super(KitSetup.of(new TinyScannerAdapter())
                    .sample(KitSample.of("tiny.json", SAMPLE.getBytes(StandardCharsets.UTF_8))
                            .entries(3)
                            .without(KitCheck.SAMPLE_STREAM, "another reason"))
                    .template(KitTemplate.json("tiny.json", TEMPLATE)
                            .entries(2)
                            .entryAt("/findings/0")
                            .textAt("/findings/0/name")
                            .without(KitCheck.DEPTH_LIMIT, "a reason"))
                    .without(KitCheck.NUMBERS_WHERE_TEXT_BELONGS, "no numbers")
                    .without(KitCheck.GARBAGE, "a third reason")
                    .build());
        }
    }

    /** Reads a truncated document as what came before the cut: a silent partial result. */
    static class PartialOnTruncation extends ScannerAdapterKit {
        PartialOnTruncation() {
            super(setupOf(insteadOfRefusing(refused -> ScanReport.builder(
                                    EvidenceKind.SCAN,
                                    ReportFormat.of("tiny", "tiny-scan-json", "1"),
                                    ScannerTool.of("Tiny", null))
                            .build()))
                    .build());
        }
    }

    /** Lets a NullPointerException escape where a located exception belongs. */
    static class ThrowsNpe extends ScannerAdapterKit {
        ThrowsNpe() {
            super(setupOf(insteadOfRefusing(refused -> {
                        throw new NullPointerException("entry");
                    }))
                    .build());
        }
    }

    /** Throws located exceptions that name no source. */
    static class Unlocated extends ScannerAdapterKit {
        Unlocated() {
            super(setupOf(insteadOfRefusing(refused -> {
                        throw new ReportParseException(ReportLocation.of("report"), refused.problem());
                    }))
                    .build());
        }
    }

    /** Reads at any depth, whatever limit the caller set. */
    static class IgnoresTheDepthLimit extends ScannerAdapterKit {
        IgnoresTheDepthLimit() {
            super(setupOf(readingUnder(limits -> limits.withMaxDepth(100_000))).build());
        }
    }

    /** Reads any number of entries, whatever limit the caller set. */
    static class IgnoresTheEntryLimit extends ScannerAdapterKit {
        IgnoresTheEntryLimit() {
            super(setupOf(readingUnder(limits -> limits.withMaxEntries(Integer.MAX_VALUE)))
                    .build());
        }
    }

    /** The Tiny adapter, doing something else where it would throw a located exception. */
    private static ScannerAdapter insteadOfRefusing(Function<ReportParseException, ScanReport> instead) {
        return new Forwarding() {
            @Override
            public ScanReport read(ReportSource source) {
                try {
                    return super.read(source);
                } catch (ReportParseException refused) {
                    return instead.apply(refused);
                }
            }
        };
    }

    /** The Tiny adapter, reading under other limits than the caller's. */
    private static ScannerAdapter readingUnder(UnaryOperator<ReadLimits> limits) {
        return new Forwarding() {
            @Override
            public ScanReport read(ReportSource source) {
                return super.read(source.withLimits(limits.apply(source.limits())));
            }
        };
    }

    /** Writes another adapter's id in the format of its reports. */
    static class WrongFormatId extends ScannerAdapterKit {
        WrongFormatId() {
            super(setupOf(new TinyScannerAdapter("tinyscan")).build());
        }
    }

    /** Claims every input. */
    static class ClaimsEverything extends ScannerAdapterKit {
        ClaimsEverything() {
            super(setupOf(new Forwarding() {
                        @Override
                        public Detection detect(ReportSource source) {
                            return Detection.certain("tiny-scan-json", "1", "everything is mine");
                        }
                    })
                    .build());
        }
    }

    /** An adapter of its own id that no {@code META-INF/services} file names. */
    static final class NotRegisteredAdapter extends Forwarding {
        @Override
        public String id() {
            return "tiny-unregistered";
        }
    }

    static class NotRegistered extends ScannerAdapterKit {
        NotRegistered() {
            super(setupOf(new NotRegisteredAdapter()).build());
        }
    }

    /** The Tiny adapter, call by call; the broken ones override the call they break. */
    static class Forwarding implements ScannerAdapter {
        private final ScannerAdapter tiny = new TinyScannerAdapter();

        @Override
        public String id() {
            return tiny.id();
        }

        @Override
        public Detection detect(ReportSource source) {
            return tiny.detect(source);
        }

        @Override
        public ScanReport read(ReportSource source) {
            return tiny.read(source);
        }
    }
}
