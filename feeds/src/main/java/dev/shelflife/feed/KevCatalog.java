package dev.shelflife.feed;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.KnownExploited;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The CISA catalog of Known Exploited Vulnerabilities, as CISA publishes it
 * ({@code known_exploited_vulnerabilities.json}): which CVEs are exploited in the wild, since when
 * they are listed, and by when US federal agencies must remediate them.
 *
 * <p>{@link #read(Path)} streams the document under {@link #LIMITS} and checks it against CISA's
 * schema: the top-level {@code catalogVersion}, {@code dateReleased}, {@code count} and
 * {@code vulnerabilities} are required, {@code count} must match the entries, and each entry needs
 * a {@code cveID} of the form {@code CVE-YYYY-NNNN…} (at most once in the catalog), a
 * {@code dateAdded} and a {@code dueDate} ({@code YYYY-MM-DD}); {@code knownRansomwareCampaignUse},
 * when present, is {@code Known} or {@code Unknown}. Fields ShelfLife does not use
 * ({@code vendorProject}, {@code notes}, {@code cwes} …) and fields CISA may add are skipped
 * unread. Every failure is a {@link ReportParseException} naming the file, line, column and JSON
 * pointer.
 *
 * <p>Immutable and safe for concurrent use.
 *
 * @since 0.1
 */
public final class KevCatalog {

    /** The catalog name that listings from this catalog carry ({@link KnownExploited#catalog()}). */
    public static final String CATALOG = "cisa-kev";

    /**
     * The limits {@link #read(Path)} reads under: 64 MiB (the catalog is about 1.3 MB), nesting 16,
     * strings of 1 MiB, 100,000 entries.
     */
    public static final ReadLimits LIMITS = ReadLimits.DEFAULT
            .withMaxDocumentBytes(64L << 20)
            .withMaxDepth(16)
            .withMaxStringLength(1 << 20)
            .withMaxEntries(100_000);

    private final String version;
    private final Instant released;
    private final Map<String, KnownExploited> listings;

    private KevCatalog(String version, Instant released, Map<String, KnownExploited> listings) {
        this.version = version;
        this.released = released;
        this.listings = Collections.unmodifiableMap(listings);
    }

    /**
     * Reads a catalog file under {@link #LIMITS}.
     *
     * @param file the catalog
     * @return the catalog
     * @throws ReportParseException if the file cannot be read or is not a valid catalog
     */
    public static KevCatalog read(Path file) {
        return read(ReportSource.of(file).withLimits(LIMITS));
    }

    /**
     * Reads a catalog under the source's limits ({@link ReadLimits#maxEntries()} bounds the entries).
     *
     * @param source the catalog
     * @return the catalog
     * @throws ReportParseException if the source cannot be read or is not a valid catalog
     */
    public static KevCatalog read(ReportSource source) {
        try (JsonCursor cursor = JsonCursor.open(Objects.requireNonNull(source, "source"))) {
            return new Reading(cursor, source.limits().maxEntries()).catalog();
        }
    }

    /**
     * The catalog's version, as CISA numbers them ({@code 2025.08.25}).
     *
     * @return the version
     */
    public String version() {
        return version;
    }

    /**
     * When CISA released this version of the catalog.
     *
     * @return the release instant
     */
    public Instant released() {
        return released;
    }

    /**
     * How many vulnerabilities the catalog lists.
     *
     * @return the number of entries
     */
    public int size() {
        return listings.size();
    }

    /**
     * The listing of a CVE.
     *
     * @param cveId a CVE id, in any case ({@code CVE-2021-44228})
     * @return the listing, with catalog {@value #CATALOG}, or empty when the catalog does not list it
     */
    public Optional<KnownExploited> find(String cveId) {
        return Optional.ofNullable(listings.get(CveIds.normalize(Objects.requireNonNull(cveId, "cveId"))));
    }

    @Override
    public String toString() {
        return "KevCatalog[" + version + ", " + listings.size() + " vulnerabilities]";
    }

    /** One walk over a catalog document. */
    private static final class Reading {
        private final JsonCursor cursor;
        private final int maxEntries;
        private final Map<String, KnownExploited> listings = new HashMap<>();
        private final Map<String, ReportLocation> firstSeen = new HashMap<>();
        private String version;
        private Instant released;
        private Integer count;
        private ReportLocation countLocation;
        private boolean entries;

        Reading(JsonCursor cursor, int maxEntries) {
            this.cursor = cursor;
            this.maxEntries = maxEntries;
        }

        KevCatalog catalog() {
            cursor.firstToken();
            cursor.require(JsonToken.START_OBJECT, "the catalog object");
            ReportLocation top = cursor.location();
            cursor.forEachField(name -> {
                switch (name) {
                    case "catalogVersion" -> version = string("the catalog version");
                    case "dateReleased" -> released = instant(string("the release date-time"));
                    case "count" -> count();
                    case "vulnerabilities" -> vulnerabilities();
                    default -> cursor.skip();
                }
            });
            cursor.requireEnd();
            requirePresent(top, "catalogVersion", version != null);
            requirePresent(top, "dateReleased", released != null);
            requirePresent(top, "count", count != null);
            requirePresent(top, "vulnerabilities", entries);
            if (count != listings.size()) {
                throw new ReportParseException(
                        countLocation,
                        "the catalog says it has " + count + " vulnerabilities but lists " + listings.size());
            }
            return new KevCatalog(version, released, listings);
        }

        private static void requirePresent(ReportLocation top, String field, boolean present) {
            if (!present) {
                throw new ReportParseException(top, "not a CISA KEV catalog: \"" + field + "\" is missing");
            }
        }

        private void count() {
            countLocation = cursor.location();
            cursor.require(JsonToken.VALUE_NUMBER_INT, "the number of vulnerabilities");
            String text = cursor.text();
            try {
                count = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 0) {
                throw cursor.failure("count " + Quoted.text(text) + " is out of range");
            }
        }

        private void vulnerabilities() {
            entries = true;
            cursor.forEachElement(index -> {
                if (index >= maxEntries) {
                    throw cursor.failure(
                            "limit exceeded: more than " + maxEntries + " vulnerabilities (ReadLimits.maxEntries)");
                }
                entry();
            });
        }

        private void entry() {
            cursor.require(JsonToken.START_OBJECT, "a vulnerability object");
            Entry entry = new Entry(cursor.location());
            cursor.forEachField(name -> {
                switch (name) {
                    case "cveID" -> entry.cve = cveId();
                    case "dateAdded" -> entry.added = date("dateAdded");
                    case "dueDate" -> entry.due = date("dueDate");
                    case "knownRansomwareCampaignUse" -> entry.ransomware = ransomware();
                    default -> cursor.skip();
                }
            });
            String missing = entry.cve == null
                    ? "cveID"
                    : entry.added == null ? "dateAdded" : entry.due == null ? "dueDate" : null;
            if (missing != null) {
                throw new ReportParseException(entry.where, "the vulnerability has no \"" + missing + "\"");
            }
            ReportLocation first = firstSeen.putIfAbsent(entry.cve, entry.where);
            if (first != null) {
                throw new ReportParseException(
                        entry.where,
                        entry.cve + " is listed twice (first at line " + first.line() + ", column " + first.column()
                                + ")");
            }
            listings.put(
                    entry.cve,
                    new KnownExploited(CATALOG, Optional.of(entry.added), Optional.of(entry.due), entry.ransomware));
        }

        /** The fields of one entry, as they are read. */
        private static final class Entry {
            private final ReportLocation where;
            private String cve;
            private LocalDate added;
            private LocalDate due;
            private Optional<Boolean> ransomware = Optional.empty();

            Entry(ReportLocation where) {
                this.where = where;
            }
        }

        private String cveId() {
            String id = string("a CVE id");
            if (!CveIds.isCveId(id)) {
                throw cursor.failure("\"" + Quoted.text(id) + "\" is not a CVE id (CVE-YYYY-NNNN)");
            }
            return CveIds.normalize(id);
        }

        private LocalDate date(String what) {
            String text = string("a date");
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw cursor.failure(
                        "bad " + what + " \"" + Quoted.text(text) + "\": expected a date such as 2025-08-25");
            }
        }

        private Optional<Boolean> ransomware() {
            String text = string("Known or Unknown");
            return switch (text) {
                case "Known" -> Optional.of(true);
                case "Unknown" -> Optional.empty();
                default ->
                    throw cursor.failure(
                            "bad knownRansomwareCampaignUse \"" + Quoted.text(text) + "\": expected Known or Unknown");
            };
        }

        private Instant instant(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw cursor.failure("bad dateReleased \"" + Quoted.text(text)
                        + "\": expected a UTC date-time such as 2025-08-25T17:04:19.9796Z");
            }
        }

        private String string(String what) {
            cursor.require(JsonToken.VALUE_STRING, what);
            return cursor.text();
        }
    }
}
