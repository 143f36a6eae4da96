package dev.shelflife.testkit;

import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A report that an adapter under contract test must read, with the number of raw vulnerability
 * entries it holds.
 *
 * @param name the sample's name, used in messages
 * @param bytes the report
 * @param entries the raw vulnerability entries in it
 * @since 0.1
 */
public record ContractSample(String name, byte[] bytes, int entries) {

    /** Validates the parts. */
    public ContractSample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
        if (entries < 0) {
            throw new IllegalArgumentException("entries must not be negative");
        }
    }

    /**
     * A sample read from a file, such as a test resource.
     *
     * @param path the file
     * @param entries the raw vulnerability entries in it
     * @return the sample
     */
    public static ContractSample of(Path path, int entries) {
        try {
            return new ContractSample(path.getFileName().toString(), Files.readAllBytes(path), entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A sample from a class-path resource.
     *
     * @param anchor a class next to the resource
     * @param resource the resource name, relative to the anchor's package or absolute
     * @param entries the raw vulnerability entries in it
     * @return the sample
     */
    public static ContractSample ofResource(Class<?> anchor, String resource, int entries) {
        try (var in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " next to " + anchor.getName());
            }
            return new ContractSample(resource.substring(resource.lastIndexOf('/') + 1), in.readAllBytes(), entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sample as a report source.
     *
     * @return the source
     */
    public ReportSource source() {
        return ReportSource.of(name, bytes);
    }

    @Override
    public String toString() {
        return name;
    }
}
