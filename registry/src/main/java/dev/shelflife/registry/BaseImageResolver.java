package dev.shelflife.registry;

import dev.shelflife.ImageRef;
import java.util.Optional;

/**
 * Answers which digest a tag points to now: {@code python:3.12-slim} → {@code sha256:…}.
 *
 * <p>Compare the answer with the digest an image was built from
 * ({@link dev.shelflife.BaseImage#digest()}) to see whether its base has moved. The resolver
 * follows the reference's tag ({@code latest} when it names none) and ignores a digest beside
 * the tag; a reference that names a digest only has nothing to follow.
 *
 * <p>Implementations are safe for concurrent use and stamp each answer with the instant of a
 * {@link java.time.Clock} their caller supplied, so tests can fix it.
 *
 * @since 0.1
 */
public interface BaseImageResolver {

    /**
     * Resolves the tag of a reference to the digest it points to now.
     *
     * @param reference the reference, such as {@code ImageRef.parse("python:3.12-slim")}
     * @return the answer, or empty when the tag (or its repository) does not exist
     * @throws IllegalArgumentException if the reference names a digest and no tag
     * @throws RegistryException if the answer could not be obtained; {@link RegistryException#reason()} says why
     */
    Optional<ResolvedTag> resolve(ImageRef reference);
}
