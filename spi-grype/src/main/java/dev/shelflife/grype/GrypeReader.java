package dev.shelflife.grype;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Finding;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.json.TopLevelLook;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Walks one Grype document with a {@link JsonCursor}: the outer object token by token, each
 * match bound on its own as a {@link GrypeJson.Match}, handed to a {@link GrypeMapper}. Also sniffs
 * the head of a source for {@link GrypeScannerAdapter#detect}.
 *
 * <p>The top-level keys may come in any order, and Grype writes {@code matches} first and
 * {@code source}, which names every finding's target, after them. So {@link #read} holds the
 * findings until the document ends, and {@link #stream} reads the document twice: first
 * everything but the entries, then the entries, each handed on as soon as it is mapped.
 */
final class GrypeReader {

    /** Which parts of the document one walk reads; it skips the others. */
    private enum Parts {
        /** Everything, in one walk. */
        ALL(true, true),
        /** Everything but {@code matches} and {@code ignoredMatches}. */
        HEADER(true, false),
        /** Only {@code matches} and {@code ignoredMatches}. */
        ENTRIES(false, true);

        private final boolean header;
        private final boolean entries;

        Parts(boolean header, boolean entries) {
            this.header = header;
            this.entries = entries;
        }
    }

    private static final int KEYS_IN_MESSAGES = 5;
    /** The top-level keys the reader reads. */
    private static final Set<String> TOP_LEVEL = Set.of("matches", "ignoredMatches", "source", "distro", "descriptor");
    /** The keys of {@code source} the reader reads. */
    private static final Set<String> SOURCE = Set.of("type", "target");

    private final ReportSource source;
    private final JsonCursor cursor;
    private final GrypeMapper mapper;
    private final List<String> keys = new ArrayList<>();
    private boolean sawMatches;
    private int entriesRead;
    private int findingsRead;
    private String sourceType;
    private String targetPath;
    private GrypeJson.ImageTarget imageTarget;
    private ReportLocation targetLocation;

    private GrypeReader(ReportSource source, JsonCursor cursor, GrypeMapper mapper) {
        this.source = source;
        this.cursor = cursor;
        this.mapper = mapper;
        cursor.reportProblemsTo(mapper::problem);
    }

    static ScanReport read(ReportSource source) {
        GrypeMapper mapper = new GrypeMapper(source);
        List<Finding> untargeted = new ArrayList<>();
        walk(source, JsonCursor.open(source), mapper, Parts.ALL, "", untargeted::add);
        ScanReport.Builder report = mapper.header();
        String target = mapper.target();
        untargeted.forEach(
                finding -> report.finding(new Finding(finding.vulnerability(), finding.pkg(), finding.fix(), target)));
        return report.build();
    }

    static ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        GrypeMapper mapper = new GrypeMapper(source);
        // The first walk learns the target and skips the entries; the second hands them on, and
        // refuses the duplicate keys that the first, cheaper walk does not look for.
        walk(source, JsonCursor.openFirstPass(source), mapper, Parts.HEADER, "", noFindings -> {});
        int streamed = walk(source, JsonCursor.open(source), mapper, Parts.ENTRIES, mapper.target(), findings);
        return mapper.header().summary(streamed);
    }

    /**
     * Walks the document once.
     *
     * @param opened the cursor, which the walk closes
     * @return how many findings went to the consumer
     */
    private static int walk(
            ReportSource source,
            JsonCursor opened,
            GrypeMapper mapper,
            Parts parts,
            String target,
            Consumer<? super Finding> findings) {
        try (JsonCursor cursor = opened) {
            GrypeReader reader = new GrypeReader(source, cursor, mapper);
            reader.readDocument(parts, target, findings);
            return reader.findingsRead;
        }
    }

    private void readDocument(Parts parts, String target, Consumer<? super Finding> findings) {
        JsonToken first = cursor.firstToken();
        ReportLocation start = cursor.location();
        if (first != JsonToken.START_OBJECT) {
            // Well-formed JSON of another shape, such as Trivy's legacy array, is another tool's report.
            throw new UnsupportedReportException(
                    start,
                    "not a Grype report: expected a JSON object with a \"matches\" array," + " found "
                            + (first == JsonToken.START_ARRAY ? "an array" : "a scalar"));
        }
        cursor.forEachField(name -> {
            if (keys.size() < KEYS_IN_MESSAGES) {
                keys.add(name);
            }
            sawMatches |= name.equals("matches");
            boolean entries = name.equals("matches") || name.equals("ignoredMatches");
            if (entries ? parts.entries : parts.header) {
                readField(name, target, findings);
            } else {
                cursor.skip();
            }
        });
        cursor.requireEnd();
        if (!sawMatches) {
            // Well-formed JSON without matches is another tool's report, or one cut down too far: not an empty one.
            throw new UnsupportedReportException(
                    start,
                    "no \"matches\" array: not a Grype report, or one cut down too far"
                            + (keys.isEmpty()
                                    ? " (an empty object)"
                                    : " (its keys start " + String.join(", ", keys) + ")"));
        }
        if (parts.header) {
            mapper.source(sourceType, targetPath, imageTarget, targetLocation);
        }
    }

    private void readField(String name, String target, Consumer<? super Finding> findings) {
        switch (name) {
            case "matches" -> readMatches(target, findings);
            case "ignoredMatches" -> readIgnoredMatches();
            case "source" -> readSource();
            case "distro" -> mapper.distro(cursor.read(GrypeJson.Distro.class));
            case "descriptor" -> {
                ReportLocation at = cursor.location();
                mapper.descriptor(cursor.read(GrypeJson.Descriptor.class), at);
            }
            // A key spelled like one Grype writes, or another format's entries, are reported.
            default -> cursor.skipUnread(name, TOP_LEVEL);
        }
    }

    private void readMatches(String target, Consumer<? super Finding> findings) {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return; // Go writes a nil slice as null: no matches.
        }
        cursor.forEachElement(index -> {
            ReportLocation at = entry();
            mapper.match(cursor.read(GrypeJson.Match.class), at, target).ifPresent(finding -> {
                findings.accept(finding);
                findingsRead++;
            });
        });
    }

    private void readIgnoredMatches() {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.forEachElement(index -> {
            ReportLocation at = entry();
            mapper.ignoredMatch(cursor.read(GrypeJson.IgnoredMatch.class), at);
        });
    }

    private ReportLocation entry() {
        int max = source.limits().maxEntries();
        if (++entriesRead > max) {
            throw cursor.failure("limit exceeded: more than " + max + " matches (ReadLimits.maxEntries)");
        }
        return cursor.location();
    }

    private void readSource() {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.forEachField(name -> {
            switch (name) {
                case "type" -> sourceType = cursor.text();
                case "target" -> readTarget();
                default -> cursor.skipUnread(name, SOURCE);
            }
        });
    }

    private void readTarget() {
        JsonToken token = cursor.currentToken();
        if (token == JsonToken.START_OBJECT) {
            targetLocation = cursor.location();
            imageTarget = cursor.read(GrypeJson.ImageTarget.class);
        } else if (token == JsonToken.VALUE_STRING) {
            targetPath = cursor.text();
        } else if (token != JsonToken.VALUE_NULL) {
            throw cursor.failure(
                    "expected source.target to be an object (an image) or a string (a directory or file), found "
                            + token);
        }
    }

    /**
     * Looks at a source's top-level keys for Grype's, read as a stream for as far as the decision
     * needs: a {@code matches} array whose first element is a match decides at that element, and
     * Grype writes {@code matches} first; otherwise {@code descriptor.name} or {@code source} do,
     * wherever they stand. The look stops, without a claim on what it saw before, at a key that
     * identifies another format ({@link FormatKeys#identifies(String)}) or another format's
     * container of entries that holds something.
     */
    static Detection detect(ReportSource source) {
        return TopLevelLook.detect(source, Sniff::new);
    }

    /** What the look saw. */
    private static final class Sniff implements TopLevelLook {
        private final JsonCursor cursor;
        private int fields;
        private boolean startsWithMatches;
        private boolean matchesArray;
        private boolean matchesOther;
        private boolean matchShaped;
        private boolean source;
        private String descriptorName;
        private String foreign;

        Sniff(JsonCursor cursor) {
            this.cursor = cursor;
        }

        /** Looks at one top-level key; says whether to look further. */
        @Override
        public boolean field(String name) {
            if (fields++ == 0) {
                startsWithMatches = name.equals("matches");
            }
            switch (name) {
                case "matches" -> sniffMatches();
                case "source" -> {
                    source = true;
                    cursor.skip();
                }
                case "descriptor" -> sniffDescriptor();
                case "ignoredMatches", "distro" -> cursor.skip();
                default -> {
                    return other(name);
                }
            }
            return !decided();
        }

        private boolean decided() {
            return matchShaped || "grype".equalsIgnoreCase(descriptorName) || matchesArray && source;
        }

        private boolean other(String name) {
            foreign = FormatKeys.otherFormat(cursor, name, "Grype").orElse(null);
            return foreign == null;
        }

        private void sniffMatches() {
            JsonToken token = cursor.currentToken();
            if (token != JsonToken.START_ARRAY && token != JsonToken.VALUE_NULL) {
                matchesOther = true;
                cursor.skip();
                return;
            }
            matchesArray = true;
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            JsonToken first = cursor.nextToken();
            if (first == JsonToken.END_ARRAY) {
                return;
            }
            if (first == JsonToken.START_OBJECT) {
                Set<String> keys = new HashSet<>();
                matchShaped = !cursor.forEachFieldWhile(key -> {
                    keys.add(key);
                    cursor.skip();
                    return !(keys.contains("vulnerability") && keys.contains("artifact"));
                });
                if (matchShaped) {
                    return;
                }
            }
            cursor.skipRest();
        }

        private void sniffDescriptor() {
            if (cursor.currentToken() != JsonToken.START_OBJECT) {
                cursor.skip();
                return;
            }
            cursor.forEachField(key -> {
                if (key.equals("name") && cursor.currentToken() == JsonToken.VALUE_STRING) {
                    descriptorName = cursor.text();
                } else {
                    cursor.skip();
                }
            });
        }

        @Override
        public Detection notAnObject() {
            return Detection.none(GrypeMapper.FORMAT_NAME, "not a JSON object");
        }

        @Override
        public Detection verdict() {
            String format = GrypeMapper.FORMAT_NAME;
            if ("grype".equalsIgnoreCase(descriptorName)) {
                return Detection.certain(format, null, "descriptor.name is \"" + descriptorName + "\"");
            }
            if (matchesArray && source) {
                return Detection.certain(format, null, "top-level \"matches\" array and \"source\"");
            }
            if (matchShaped) {
                return Detection.of(0.9, format, "a \"matches\" array of vulnerability/artifact matches");
            }
            String before = foreign == null ? "" : ", before " + foreign;
            if (matchesArray && startsWithMatches && foreign == null) {
                return Detection.of(0.7, format, "starts with a \"matches\" array");
            }
            if (matchesArray || matchesOther) {
                return Detection.of(0.3, format, "a \"matches\" key, but nothing else Grype writes" + before);
            }
            return Detection.none(format, "no \"matches\" array" + before);
        }
    }
}
