package dev.shelflife.testkit;

import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A report that the {@link ScannerAdapterKit} reads whole, as the adapter's users will: a real
 * report, or one written by hand in the real shape, with the number of raw entries it holds.
 *
 * <pre>{@code
 * KitSample.ofResource(AcmeScannerAdapterTest.class, "shop-api-1.4.2.acme.json").entries(6)
 * }</pre>
 *
 * A sample is immutable: {@link #entries(int)} and {@link #without(KitCheck, String)} return a copy.
 *
 * @since 0.2
 */
public final class KitSample {

    private final String name;
    private final byte[] bytes;
    private final int entries;
    private final Map<KitCheck, String> notApplicable;

    private KitSample(String name, byte[] bytes, int entries, Map<KitCheck, String> notApplicable) {
        this.name = Objects.requireNonNull(name, "name");
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.entries = entries;
        this.notApplicable = notApplicable;
    }

    /**
     * A sample of the given bytes; say its entries with {@link #entries(int)}.
     *
     * @param name the sample's name, the source name in messages
     * @param bytes the report
     * @return the sample
     */
    public static KitSample of(String name, byte[] bytes) {
        return new KitSample(name, bytes.clone(), -1, Map.of());
    }

    /**
     * A sample read from a file; say its entries with {@link #entries(int)}.
     *
     * @param path the file
     * @return the sample
     */
    public static KitSample of(Path path) {
        try {
            return of(path.getFileName().toString(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A sample from a class-path resource; say its entries with {@link #entries(int)}.
     *
     * @param anchor a class next to the resource
     * @param resource the resource name, relative to the anchor's package or absolute
     * @return the sample, named after the resource's file name
     */
    public static KitSample ofResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " next to " + anchor.getName());
            }
            return of(resource.substring(resource.lastIndexOf('/') + 1), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * This sample with the number of raw entries it holds, which the kit expects a read to count.
     *
     * @param count the raw entries, {@code counts().entries()} of the report read: vulnerability
     *     entries, statements, rules; 0 for an inventory
     * @return a copy
     */
    public KitSample entries(int count) {
        if (count < 0) {
            throw new IllegalArgumentException(name + ": entries must not be negative");
        }
        return new KitSample(name, bytes, count, notApplicable);
    }

    /**
     * This sample with a check of samples that cannot apply to it, and why: the check is reported
     * as skipped on this sample with the reason, and runs on the others.
     *
     * @param check a check of {@link KitCheck.Scope#SAMPLE samples}
     * @param reason why it cannot apply, for the reader of the test report
     * @return a copy
     */
    public KitSample without(KitCheck check, String reason) {
        return new KitSample(
                name, bytes, entries, KitSetup.optOut(notApplicable, check, KitCheck.Scope.SAMPLE, reason));
    }

    /**
     * The sample's name.
     *
     * @return the name, the source name in messages
     */
    public String name() {
        return name;
    }

    /**
     * The report.
     *
     * @return a copy of its bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The raw entries the sample holds, once given.
     *
     * @return the count, or empty before {@link #entries(int)}
     */
    public OptionalInt entries() {
        return entries < 0 ? OptionalInt.empty() : OptionalInt.of(entries);
    }

    /**
     * The checks that do not apply to this sample.
     *
     * @return each check with its reason
     */
    public Map<KitCheck, String> notApplicable() {
        return notApplicable.isEmpty() ? Map.of() : new EnumMap<>(notApplicable);
    }

    /**
     * The sample as a report source.
     *
     * @return the source, under the sample's name
     */
    public ReportSource source() {
        return ReportSource.of(name, bytes);
    }

    int requireEntries() {
        if (entries < 0) {
            throw new IllegalStateException(name + ": say how many raw entries the sample holds, with entries(int)");
        }
        return entries;
    }

    @Override
    public String toString() {
        return name;
    }
}
