package dev.shelflife.streams;

import dev.shelflife.EvidenceKind;
import dev.shelflife.ScanReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the state keeps about one image: its evidence, as the history store would give it — per
 * scanner and kind, the latest report made by now, and any report dated after now, which starts to
 * count when its date comes (the policy engine leaves it out until then, and its forecast says
 * when).
 *
 * <p>"Latest" is decided by the report's date, never by when it arrived, and ties by content hash:
 * the state after any set of reports is the same whatever order they came in, and a report that
 * comes twice is kept once. A late older scan never replaces a newer one.
 *
 * @param image the image's key ({@code name@sha256:…})
 * @param base the base image tag its latest scan names, normalised, if it names one
 * @param reports the reports kept, sorted by scanner, kind, date and content hash
 */
record ImageState(String image, Optional<String> base, List<Kept> reports) {

    private static final int FORMAT = 1;

    private static final Comparator<Kept> ORDER = Comparator.comparing(Kept::scanner)
            .thenComparing(Kept::kind)
            .thenComparing(Kept::madeAt)
            .thenComparing(Kept::contentHash);

    ImageState {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(base, "base");
        reports = List.copyOf(reports);
    }

    /**
     * A report as the state keeps it.
     *
     * @param contentHash its id
     * @param scanner its scanner's name
     * @param kind its kind
     * @param madeAt when it was made
     * @param encoded the report, encoded with the history's codec
     */
    record Kept(String contentHash, String scanner, EvidenceKind kind, Instant madeAt, byte[] encoded) {
        Kept {
            Objects.requireNonNull(contentHash, "contentHash");
            Objects.requireNonNull(scanner, "scanner");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(madeAt, "madeAt");
            Objects.requireNonNull(encoded, "encoded");
        }

        private boolean sameSlot(Kept other) {
            return scanner.equals(other.scanner) && kind == other.kind;
        }
    }

    static ImageState empty(String image) {
        return new ImageState(image, Optional.empty(), List.of());
    }

    /** Whether a report of this content is among those kept. */
    boolean holds(String contentHash) {
        return reports.stream().anyMatch(k -> k.contentHash().equals(contentHash));
    }

    /**
     * The state with a report added: in its scanner and kind, the reports older than the latest one
     * made by {@code now} are dropped.
     *
     * @param kept the report
     * @param report the report, decoded, for its base image
     * @param now the instant evidence is judged at
     * @param normalisedBase the base image tag the report names, normalised
     * @return the new state
     */
    ImageState with(Kept kept, ScanReport report, Instant now, Optional<String> normalisedBase) {
        List<Kept> all = new ArrayList<>(reports.size() + 1);
        all.addAll(reports);
        all.add(kept);
        all.sort(ORDER);
        List<Kept> pruned = new ArrayList<>(all.size());
        for (Kept candidate : all) {
            boolean superseded = all.stream()
                    .anyMatch(other -> other != candidate
                            && other.sameSlot(candidate)
                            && !other.madeAt().isAfter(now)
                            && ORDER.compare(other, candidate) > 0);
            if (!superseded) {
                pruned.add(candidate);
            }
        }
        Optional<String> newBase = base;
        if (report.isScan() && isLatestScan(kept, pruned)) {
            newBase = normalisedBase;
        }
        return new ImageState(image, newBase, pruned);
    }

    private static boolean isLatestScan(Kept kept, List<Kept> reports) {
        return reports.stream()
                .filter(k -> k.kind() == EvidenceKind.SCAN)
                .max(Comparator.comparing(Kept::madeAt).thenComparing(Kept::contentHash))
                .filter(k -> k == kept)
                .isPresent();
    }

    /**
     * The reports that make the image's record at an instant: per scanner and kind, the latest made
     * by then, and those made after it, which the engine leaves out and forecasts.
     */
    List<Kept> reportsAt(Instant at) {
        List<Kept> chosen = new ArrayList<>(reports.size());
        for (Kept candidate : reports) {
            boolean superseded = reports.stream()
                    .anyMatch(other -> other != candidate
                            && other.sameSlot(candidate)
                            && !other.madeAt().isAfter(at)
                            && ORDER.compare(other, candidate) > 0);
            if (!superseded) {
                chosen.add(candidate);
            }
        }
        return chosen;
    }

    byte[] encode() {
        Encoding.Writer out = new Encoding.Writer(FORMAT).writeString(image).writeOptional(base);
        out.writeInt(reports.size());
        for (Kept kept : reports) {
            out.writeString(kept.contentHash())
                    .writeString(kept.scanner())
                    .writeString(kept.kind().key())
                    .writeInstant(kept.madeAt())
                    .writeBytes(kept.encoded());
        }
        return out.toByteArray();
    }

    static ImageState decode(byte[] bytes) {
        Encoding.Reader in = new Encoding.Reader(bytes, FORMAT, "the state of an image");
        String image = in.readString();
        Optional<String> base = in.readOptional();
        int count = in.readInt();
        List<Kept> reports = new ArrayList<>(Math.max(0, Math.min(count, 64)));
        for (int i = 0; i < count; i++) {
            String hash = in.readString();
            String scanner = in.readString();
            EvidenceKind kind = kind(in.readString());
            Instant madeAt = in.readInstant();
            reports.add(new Kept(hash, scanner, kind, madeAt, in.readBytes()));
        }
        return new ImageState(image, base, reports);
    }

    private static EvidenceKind kind(String key) {
        for (EvidenceKind kind : EvidenceKind.values()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        throw new IllegalStateException("the state of an image names an unknown kind of evidence: " + key);
    }
}
