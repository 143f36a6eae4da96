package dev.shelflife.sarif;

import dev.shelflife.ImageRef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an image reference from a name a tool was given, only when the name is one: it names a
 * tag or a digest (a bare {@code nginx} could be a directory as well as {@code nginx:latest}), and
 * no transport that reads an archive or a directory ({@code docker-archive:app.tar},
 * {@code dir:/src}). Transports that name an image in a registry or a daemon
 * ({@code registry:}, {@code docker:}, {@code podman:}) are taken off first.
 */
final class ImageNames {

    private static final List<String> IMAGE_TRANSPORTS = List.of("registry:", "docker:", "podman:", "containerd:");
    private static final List<String> OTHER_TRANSPORTS =
            List.of("docker-archive:", "oci-archive:", "oci-dir:", "dir:", "file:", "singularity:", "sbom:", "purl:");

    private ImageNames() {}

    /**
     * The reference a name stands for.
     *
     * @param name the name, or {@code null}
     * @return the reference, or empty when the name is none
     */
    static Optional<ImageRef> reference(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String text = name.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (OTHER_TRANSPORTS.stream().anyMatch(lower::startsWith)) {
            return Optional.empty();
        }
        for (String transport : IMAGE_TRANSPORTS) {
            if (lower.startsWith(transport)) {
                text = text.substring(transport.length());
                break;
            }
        }
        int slash = text.lastIndexOf('/');
        if (text.indexOf(':', slash + 1) < 0 && text.indexOf('@') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImageRef.parse(text));
        } catch (IllegalArgumentException notAReference) {
            return Optional.empty();
        }
    }
}
