package dev.shelflife.registry;

import dev.shelflife.ImageRef;
import dev.shelflife.spi.DocumentTooLargeException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves tags from a file instead of a registry, for air-gapped sites and tests.
 *
 * <p>The file is UTF-8 text, one tag per line, columns separated by spaces or tabs:
 *
 * <pre>
 * # REFERENCE                DIGEST           [MEDIA-TYPE]
 * python:3.12-slim           sha256:3f1c…     application/vnd.oci.image.index.v1+json
 * ghcr.io/org/base:2         sha256:9a0b…
 * </pre>
 *
 * <p>The reference is parsed like {@link ImageRef#parse(String)}, so {@code python:3.12-slim} and
 * {@code docker.io/library/python:3.12-slim} are the same entry, and a reference without a tag means
 * {@code latest}; it must not carry a digest. The digest is {@code algorithm:hex}. The media type is
 * optional. Blank lines and lines starting with {@code #} are ignored. A reference listed twice,
 * a missing or extra column or a malformed value is an error; every such line is reported at once.
 *
 * @since 0.1
 */
public final class OfflineBaseImageResolver implements BaseImageResolver {

    /** Larger files are refused rather than read: a tag list this size is not a tag list. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    /** The answers, stamped with the epoch until one is asked for. */
    private final Map<ImageRef, ResolvedTag> entries;

    private final Clock clock;

    private OfflineBaseImageResolver(Map<ImageRef, ResolvedTag> entries, Clock clock) {
        this.entries = Map.copyOf(entries);
        this.clock = clock;
    }

    /**
     * Reads a tag file.
     *
     * @param file the file
     * @param clock the clock that stamps each answer's {@link ResolvedTag#resolvedAt()}
     * @return the resolver
     * @throws RegistryException with {@link RegistryException.Reason#INVALID_FILE} if the file cannot
     *     be read (a named pipe or a device is refused before reading), is larger than 16 MiB, is not
     *     UTF-8 or has malformed lines
     */
    public static OfflineBaseImageResolver read(Path file, Clock clock) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        String text;
        try {
            // Read like a report: no pipe or device, never more than the limit whatever the size says.
            byte[] bytes = ReportSource.of(file)
                    .withLimits(ReadLimits.DEFAULT.withMaxDocumentBytes(MAX_FILE_BYTES))
                    .readAllBytes();
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (DocumentTooLargeException e) {
            throw new RegistryException(
                    RegistryException.Reason.INVALID_FILE,
                    file + ": limit exceeded: larger than " + MAX_FILE_BYTES
                            + " bytes (a fixed limit: list only the tags the images are built on)",
                    e);
        } catch (CharacterCodingException e) {
            throw new RegistryException(RegistryException.Reason.INVALID_FILE, file + ": not UTF-8 text", e);
        } catch (NoSuchFileException e) {
            throw new RegistryException(RegistryException.Reason.INVALID_FILE, file + ": cannot read: no such file", e);
        } catch (IOException e) {
            throw new RegistryException(
                    RegistryException.Reason.INVALID_FILE, file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString(), clock);
    }

    /**
     * Parses the text of a tag file.
     *
     * @param text the content, in the format described above
     * @param source the name used in error messages, such as the file name
     * @param clock the clock that stamps each answer's {@link ResolvedTag#resolvedAt()}
     * @return the resolver
     * @throws RegistryException with {@link RegistryException.Reason#INVALID_FILE} naming every malformed line
     */
    public static OfflineBaseImageResolver parse(String text, String source, Clock clock) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clock, "clock");
        Map<ImageRef, ResolvedTag> entries = new HashMap<>();
        Map<ImageRef, Integer> lineOf = new HashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("[ \t]+");
            if (columns.length < 2 || columns.length > 3) {
                problems.add(source + ":" + lineNumber + ": expected REFERENCE DIGEST [MEDIA-TYPE], found "
                        + columns.length + " column" + (columns.length == 1 ? "" : "s"));
                continue;
            }
            try {
                ImageRef reference = ImageRef.parse(columns[0]);
                if (reference.digest().isPresent()) {
                    throw new IllegalArgumentException(
                            "reference \"" + columns[0] + "\" carries a digest; list the tag only");
                }
                ImageRef tag = ResolvedTag.tagToFollow(reference);
                ResolvedTag entry = new ResolvedTag(
                        tag,
                        columns[1],
                        columns.length == 3 ? Optional.of(columns[2]) : Optional.empty(),
                        Instant.EPOCH);
                Integer previous = lineOf.putIfAbsent(tag, lineNumber);
                if (previous != null) {
                    problems.add(source + ":" + lineNumber + ": " + tag.familiarName() + " is already listed on line "
                            + previous);
                } else {
                    entries.put(tag, entry);
                }
            } catch (IllegalArgumentException e) {
                problems.add(source + ":" + lineNumber + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new RegistryException(
                    RegistryException.Reason.INVALID_FILE,
                    problems.size() == 1
                            ? problems.get(0)
                            : problems.size() + " problems in " + source + ":\n  " + String.join("\n  ", problems));
        }
        return new OfflineBaseImageResolver(entries, clock);
    }

    @Override
    public Optional<ResolvedTag> resolve(ImageRef reference) {
        ImageRef tag = ResolvedTag.tagToFollow(reference);
        return Optional.ofNullable(entries.get(tag))
                .map(entry -> new ResolvedTag(tag, entry.digest(), entry.mediaType(), clock.instant()));
    }
}
