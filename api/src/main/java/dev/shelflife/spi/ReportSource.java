package dev.shelflife.spi;

import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The one input type of every adapter: a named, re-openable stream of bytes and the limits to
 * read it under.
 *
 * <p>The name appears in every error message ({@code trivy.json:12:5 (/Results/0): …}). A source
 * can be opened more than once, and gives the same bytes each time:
 * {@link ScannerAdapter#detect(ReportSource)} reads as far as its decision needs,
 * {@link ScannerAdapter#read(ReportSource)} the whole.
 *
 * @since 0.1
 */
public final class ReportSource {

    /**
     * How many bytes {@link #head()} returns at most.
     *
     * @deprecated a fixed window of bytes cannot decide a format: a report's identifying keys may
     *     follow a first entry longer than the window. Detect on the document's structure instead,
     *     read as a stream from {@link #open()}; see {@link ScannerAdapter#detect(ReportSource)}.
     */
    @Deprecated(since = "0.2")
    public static final int HEAD_BYTES = 8192;

    /**
     * What {@link #open()} of a {@linkplain #of(Path) file} that is not a regular file fails with.
     *
     * @since 0.2
     */
    public static final String NOT_A_REGULAR_FILE = "not a regular file";

    /**
     * Opens a document's bytes from their start, anew at each call.
     *
     * @since 0.2
     */
    @FunctionalInterface
    public interface Opener {
        /**
         * Opens the document.
         *
         * @return a new stream over the whole document, which the caller closes
         * @throws IOException if it cannot be opened
         */
        InputStream open() throws IOException;
    }

    private final String name;
    private final Opener opener;
    private final OptionalLong size;
    private final ReadLimits limits;
    private byte[] head;

    private ReportSource(String name, Opener opener, OptionalLong size, ReadLimits limits) {
        this.name = Objects.requireNonNull(name, "name");
        this.opener = opener;
        this.size = size;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * A file; its name in messages is the path as given.
     *
     * <p>Only a regular file (or a link to one) can be opened: a named pipe, a device such as
     * {@code /dev/zero} or a directory fails {@link #open()} with an {@link IOException} that says
     * {@value #NOT_A_REGULAR_FILE}, before anything is read. A pipe would block the reader until
     * something writes to it and cannot be read twice, and a device may never end.
     *
     * @param path the file
     * @return the source
     */
    public static ReportSource of(Path path) {
        Objects.requireNonNull(path, "path");
        OptionalLong size;
        try {
            size = OptionalLong.of(Files.size(path));
        } catch (IOException e) {
            size = OptionalLong.empty();
        }
        return new ReportSource(
                path.toString(),
                () -> {
                    // Checked before opening: opening a named pipe blocks until a writer comes.
                    if (!Files.readAttributes(path, BasicFileAttributes.class).isRegularFile()) {
                        throw new IOException(NOT_A_REGULAR_FILE);
                    }
                    return Files.newInputStream(path);
                },
                size,
                ReadLimits.DEFAULT);
    }

    /**
     * Bytes in memory, under a name for messages.
     *
     * @param name the name, such as a file name
     * @param bytes the document; not copied, so do not change it afterwards
     * @return the source
     */
    public static ReportSource of(String name, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new ReportSource(
                name, () -> new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length), ReadLimits.DEFAULT);
    }

    /**
     * A document opened by the caller's code, such as an entry of an archive or a cached download,
     * under a name for messages. Detection opens it once per installed adapter, reading only as far
     * as each needs; a read opens it once or twice.
     *
     * @param name the name, such as a file name
     * @param opener opens the document from its start; each call must give the same bytes
     * @return the source, whose size is not known before reading
     * @since 0.2
     */
    public static ReportSource of(String name, Opener opener) {
        return new ReportSource(
                name, Objects.requireNonNull(opener, "opener"), OptionalLong.empty(), ReadLimits.DEFAULT);
    }

    /**
     * A copy read under other limits.
     *
     * @param newLimits the limits
     * @return the new source
     */
    public ReportSource withLimits(ReadLimits newLimits) {
        return new ReportSource(name, opener, size, newLimits);
    }

    /**
     * The name used in messages.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The size in bytes, when known before reading.
     *
     * @return the size
     */
    public OptionalLong size() {
        return size;
    }

    /**
     * The limits to read under.
     *
     * @return the limits
     */
    public ReadLimits limits() {
        return limits;
    }

    /**
     * Opens the whole document from its start. The caller closes the stream.
     *
     * @return a new stream
     * @throws IOException if the source cannot be opened
     */
    public InputStream open() throws IOException {
        return opener.open();
    }

    /**
     * Reads the whole document into memory, for small documents that are parsed as a whole
     * (policies, tag lists, inventories): never more than {@link ReadLimits#maxDocumentBytes()}
     * bytes are read, and a document whose size is known to be larger is refused before reading.
     *
     * @return the document
     * @throws DocumentTooLargeException if the document is larger than the limit
     * @throws IOException if the source cannot be opened or read, such as a file that is
     *     {@value #NOT_A_REGULAR_FILE}
     * @since 0.2
     */
    public byte[] readAllBytes() throws IOException {
        if (size.isPresent() && size.getAsLong() > limits.maxDocumentBytes()) {
            throw new DocumentTooLargeException(limits.maxDocumentBytes());
        }
        try (InputStream in = limits.bound(open())) {
            return in.readAllBytes();
        }
    }

    /**
     * The first {@value #HEAD_BYTES} bytes or fewer; read once and kept.
     *
     * @return a copy of the head
     * @throws ReportParseException if the source cannot be read
     * @deprecated a fixed window of bytes cannot decide a format; see {@link #HEAD_BYTES}. ShelfLife's
     *     own adapters no longer call it.
     */
    @Deprecated(since = "0.2")
    public synchronized byte[] head() {
        if (head == null) {
            try (InputStream in = open()) {
                head = in.readNBytes(HEAD_BYTES);
            } catch (IOException e) {
                throw new ReportParseException(ReportLocation.of(name), "cannot read: " + e, e);
            }
        }
        return Arrays.copyOf(head, head.length);
    }

    @Override
    public String toString() {
        return name;
    }
}
