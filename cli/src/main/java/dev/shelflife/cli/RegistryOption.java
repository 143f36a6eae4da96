package dev.shelflife.cli;

import dev.shelflife.BaseImage;
import dev.shelflife.ImageRef;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.TagObservation;
import dev.shelflife.policy.BaseImageStatus;
import dev.shelflife.registry.BaseImageResolver;
import dev.shelflife.registry.OciRegistryResolver;
import dev.shelflife.registry.OfflineBaseImageResolver;
import dev.shelflife.registry.RegistryException;
import dev.shelflife.registry.ResolvedTag;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code --registry-offline FILE} and {@code --registry-live} options of the commands that
 * judge base images: where a base image tag points now, so that the {@code base-image-current}
 * rule has the {@link BaseImageStatus} it judges.
 *
 * <p>A registry file that cannot be used is a usage error (exit 2). A registry that cannot be
 * reached for one base is not an error: that base's state is unknown, the rule's
 * {@code when-unknown} decides, and the {@link Resolution} says why.
 *
 * @param resolver where tags are resolved
 * @param description how the output names it: the file, or {@code the registries}
 */
record RegistryOption(BaseImageResolver resolver, String description) {

    /** The option naming a file of tags and digests. */
    static final String OFFLINE = "--registry-offline";

    /** The flag asking the registries themselves. */
    static final String LIVE = "--registry-live";

    /** Their help lines, for the commands' {@code --help}. */
    static final String HELP = """
              --registry-offline FILE
                                   where base image tags point now, one "TAG DIGEST" per line
                                   (docs/registry.md), for the base-image-current rule
              --registry-live      ask the registries where base image tags point now
            """;

    /**
     * The resolver the command line asks for.
     *
     * @param parsed the command line
     * @param at the instant tags are resolved at, as the evaluation's
     * @return the resolver, or empty when neither option is given
     * @throws UsageException if both are given, or the file cannot be used
     */
    static Optional<RegistryOption> of(Arguments parsed, Instant at) {
        if (parsed.flag(LIVE) && parsed.value(OFFLINE).isPresent()) {
            throw new UsageException(OFFLINE + " and " + LIVE + " exclude each other");
        }
        Clock resolvedAt = Clock.fixed(at, ZoneOffset.UTC);
        if (parsed.flag(LIVE)) {
            return Optional.of(
                    new RegistryOption(OciRegistryResolver.builder(resolvedAt).build(), "the registries"));
        }
        return parsed.value(OFFLINE).map(file -> {
            try {
                return new RegistryOption(OfflineBaseImageResolver.read(Path.of(file), resolvedAt), file);
            } catch (RegistryException e) {
                throw new UsageException(OFFLINE + ": " + e.getMessage());
            } catch (InvalidPathException e) {
                throw new UsageException(OFFLINE + ": not a file name: " + e.getMessage());
            }
        });
    }

    /**
     * Where a base tag points now, from the registry or file, or why that is unknown.
     *
     * @param tag what the tag resolved to, if it did
     * @param note why it is unknown, or what it means, if anything needs saying
     * @param observed the history's observation of the tag on that digest, with a history
     */
    record Resolution(Optional<ResolvedTag> tag, Optional<String> note, Optional<TagObservation> observed) {

        Resolution(Optional<ResolvedTag> tag, Optional<String> note) {
            this(tag, note, Optional.empty());
        }

        /**
         * The state of a base: where its tag points now, and since when if it moved and that is
         * known; unresolved when the tag could not be resolved.
         *
         * @param base the image's base, as built
         * @param movedAt when the tag was first seen on its current digest, if known
         * @return the status the {@code base-image-current} rule judges
         */
        BaseImageStatus status(BaseImage base, Optional<Instant> movedAt) {
            return tag.map(t -> new BaseImageStatus(base.name(), base.digest(), Optional.of(t.digest()), movedAt))
                    .orElseGet(() -> BaseImageStatus.unresolved(base));
        }
    }

    /**
     * Resolves a base tag, and with a history records what it resolved to as an observation.
     *
     * @param registry the resolver, if the command line names one
     * @param history the history, if any
     * @param name the base image's name
     * @param at the instant of the observation
     * @param observer who observed it, for the history: the command
     * @return the resolution
     */
    static Resolution resolve(
            Optional<RegistryOption> registry,
            Optional<HistoryStore> history,
            String name,
            Instant at,
            String observer) {
        Resolution resolution = resolve(registry, name);
        if (history.isEmpty() || resolution.tag().isEmpty()) {
            return resolution;
        }
        TagObservation observed = history.get()
                .observeTag(ImageRef.parse(name), resolution.tag().get().digest(), at, observer);
        return new Resolution(resolution.tag(), resolution.note(), Optional.of(observed));
    }

    private static Resolution resolve(Optional<RegistryOption> registry, String name) {
        if (registry.isEmpty()) {
            return new Resolution(Optional.empty(), Optional.of("not checked: give " + OFFLINE + " or " + LIVE));
        }
        ImageRef reference;
        try {
            reference = ImageRef.parse(name);
        } catch (IllegalArgumentException e) {
            return new Resolution(Optional.empty(), Optional.of("cannot be resolved: " + e.getMessage()));
        }
        if (reference.tag().isEmpty() && reference.digest().isPresent()) {
            return new Resolution(Optional.empty(), Optional.of("names no tag to follow"));
        }
        try {
            Optional<ResolvedTag> tag = registry.get().resolver().resolve(reference);
            return new Resolution(
                    tag,
                    tag.isPresent()
                            ? Optional.empty()
                            : Optional.of("tag not found in " + registry.get().description()));
        } catch (RegistryException e) {
            return new Resolution(
                    Optional.empty(), Optional.of("not resolved (" + e.reason() + "): " + e.getMessage()));
        }
    }
}
