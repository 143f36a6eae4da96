package dev.shelflife.policy;

import dev.shelflife.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something to do about a verdict, with the reasons for it.
 *
 * <p>A verdict holds each action once: actions of the same kind on the same subject (and, for a
 * bump, from the same version) are merged, their reasons joined and, for bumps, the highest
 * target kept, so that one bump fixes every finding that asked for it.
 *
 * @param kind what to do
 * @param subject what to do it to: the package to bump, the base image to update; empty for
 *     {@link Kind#REBUILD} and {@link Kind#RESCAN}
 * @param from the installed version of a bumped package, if known
 * @param to the version to bump to, if one is known
 * @param reasons why, one line each, sorted and distinct
 * @since 0.1
 */
public record Action(Kind kind, Optional<String> subject, Optional<String> from, Optional<String> to,
        List<String> reasons) {

    /** The kinds of action. */
    public enum Kind {
        /** Rebuild the image (from a fresh base, with current packages). */
        REBUILD,
        /** Scan the image again, with a current vulnerability database. */
        RESCAN,
        /** Upgrade one package to a fixed version. */
        BUMP,
        /** Rebuild on a newer version of the base image. */
        UPDATE_BASE_IMAGE
    }

    /**
     * Validates the parts and sorts the reasons.
     *
     * @throws IllegalArgumentException if there is no reason, or a bump has no subject
     */
    public Action {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        reasons = reasons.stream().distinct().sorted().toList();
        if (reasons.isEmpty() || reasons.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("an action needs at least one reason, none blank");
        }
        if ((kind == Kind.BUMP || kind == Kind.UPDATE_BASE_IMAGE) && subject.isEmpty()) {
            throw new IllegalArgumentException(kind + " needs a subject");
        }
    }

    /**
     * Rebuild the image.
     *
     * @param reason why
     * @return the action
     */
    public static Action rebuild(String reason) {
        return new Action(Kind.REBUILD, Optional.empty(), Optional.empty(), Optional.empty(), List.of(reason));
    }

    /**
     * Scan the image again.
     *
     * @param reason why
     * @return the action
     */
    public static Action rescan(String reason) {
        return new Action(Kind.RESCAN, Optional.empty(), Optional.empty(), Optional.empty(), List.of(reason));
    }

    /**
     * Rebuild on a newer version of the base image.
     *
     * @param baseImage the base image's name as the image records it ({@code python:3.12-slim})
     * @param reason why
     * @return the action
     */
    public static Action updateBaseImage(String baseImage, String reason) {
        return new Action(Kind.UPDATE_BASE_IMAGE, Optional.of(baseImage), Optional.empty(), Optional.empty(),
                List.of(reason));
    }

    /**
     * Upgrade the finding's package to the smallest fixed version the scanner offered above the
     * installed one.
     *
     * <p>Versions are compared by a simple, scheme-agnostic order for now (runs of digits as
     * numbers, the rest as text); it gets pre-release suffixes wrong.
     *
     * @param finding the finding
     * @param reason why
     * @return the bump, or empty when the finding has no fix available
     */
    public static Optional<Action> bump(Finding finding, String reason) {
        if (!finding.fix().isAvailable()) {
            return Optional.empty();
        }
        Optional<String> target = VersionOrder.INSTANCE.smallestFix(finding.pkg().version(), finding.fix().versions());
        return Optional.of(new Action(Kind.BUMP, Optional.of(finding.pkg().name()), finding.pkg().version(), target,
                List.of(reason)));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(kind.name());
        subject.ifPresent(s -> text.append(' ').append(s));
        from.ifPresent(f -> text.append(' ').append(f));
        to.ifPresent(t -> text.append(" -> ").append(t));
        return text.append(": ").append(String.join("; ", reasons)).toString();
    }
}
