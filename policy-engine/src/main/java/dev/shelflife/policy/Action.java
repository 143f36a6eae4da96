package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.version.Bump;
import dev.shelflife.version.BumpSize;
import dev.shelflife.version.InvalidVersionException;
import dev.shelflife.version.VersionScheme;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something to do about a verdict, with the reasons for it.
 *
 * <p>A verdict holds each action once: actions of the same kind on the same subject (and, for a
 * bump, from the same version in the same scheme) are merged, their reasons joined and, for
 * bumps, the highest target kept, so that one bump fixes every finding that asked for it.
 *
 * <p>A {@link Kind#BUMP} always has a {@link #size()}, so that a policy or a plan can say "rebuild
 * by itself on patch bumps, ask a person on major ones"; its versions are compared in the
 * package's {@link VersionScheme}. A package with no scheme (a gem, a binary) or with versions its
 * scheme cannot read gets an explicit fallback, never a comparison as text: no {@link #scheme()},
 * size {@link BumpSize#UNKNOWN}, and as target the one fixed version the scanner names, if it
 * names exactly one.
 *
 * @param kind what to do
 * @param subject what to do it to: the package to bump, the base image to update; empty for
 *     {@link Kind#REBUILD} and {@link Kind#RESCAN}
 * @param from the installed version of a bumped package, if known
 * @param to the version to bump to, if one is known
 * @param scheme for a bump, the version scheme {@code from} and {@code to} were compared in;
 *     empty when the package has none, or its versions are not valid in it
 * @param size for a bump, how big a step it is ({@link BumpSize#UNKNOWN} when there is no target
 *     or no scheme); empty for the other kinds
 * @param reasons why, one line each, sorted and distinct
 * @since 0.1
 */
public record Action(
        Kind kind,
        Optional<String> subject,
        Optional<String> from,
        Optional<String> to,
        Optional<VersionScheme> scheme,
        Optional<BumpSize> size,
        List<String> reasons) {

    /**
     * The kinds of action.
     *
     * @since 0.1
     */
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
     * Validates the parts and sorts the reasons; a bump without a size gets {@link BumpSize#UNKNOWN}.
     *
     * @throws IllegalArgumentException if there is no reason, a bump has no subject, or an action
     *     that is not a bump has a scheme or a size
     */
    public Action {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(size, "size");
        if (kind == Kind.BUMP) {
            size = size.or(() -> Optional.of(BumpSize.UNKNOWN));
        } else if (scheme.isPresent() || size.isPresent()) {
            throw new IllegalArgumentException("only a bump has a version scheme and a size");
        }
        reasons = reasons.size() == 1 ? List.of(reasons.get(0)) : sortedDistinct(reasons);
        if (reasons.isEmpty() || anyBlank(reasons)) {
            throw new IllegalArgumentException("an action needs at least one reason, none blank");
        }
        if ((kind == Kind.BUMP || kind == Kind.UPDATE_BASE_IMAGE) && subject.isEmpty()) {
            throw new IllegalArgumentException(kind + " needs a subject");
        }
    }

    /**
     * An action without a scheme or size; a bump made this way has size {@link BumpSize#UNKNOWN}.
     *
     * @param kind what to do
     * @param subject what to do it to
     * @param from the installed version of a bumped package, if known
     * @param to the version to bump to, if one is known
     * @param reasons why
     */
    public Action(
            Kind kind, Optional<String> subject, Optional<String> from, Optional<String> to, List<String> reasons) {
        this(kind, subject, from, to, Optional.empty(), Optional.empty(), reasons);
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
        return new Action(
                Kind.UPDATE_BASE_IMAGE, Optional.of(baseImage), Optional.empty(), Optional.empty(), List.of(reason));
    }

    /**
     * Upgrade the finding's package to the smallest fixed version the scanner offered above the
     * installed one, compared in the package's version scheme ({@link Bump#smallestFix(Finding)}),
     * with the size of that step.
     *
     * <p>Without a target when the installed version is unknown or no offered version is above it
     * (size {@link BumpSize#UNKNOWN}). When the package has no version scheme, or the installed or
     * an offered version is not valid in it, the versions cannot be ordered: the bump has no scheme,
     * size {@code UNKNOWN}, and as target the one fixed version the scanner names if it names exactly
     * one (taken as written, unchecked), else none.
     *
     * @param finding the finding
     * @param reason why
     * @return the bump, or empty when the finding has no fix available
     */
    public static Optional<Action> bump(Finding finding, String reason) {
        if (!finding.fix().isAvailable()) {
            return Optional.empty();
        }
        BumpKey key = BumpKey.of(finding);
        int slot = key.hashCode() & (BUMP_SLOTS - 1);
        RememberedBump remembered = REMEMBERED_BUMPS[slot];
        BumpTarget target;
        if (remembered != null && remembered.key().equals(key)) {
            target = remembered.target();
        } else {
            target = target(finding);
            REMEMBERED_BUMPS[slot] = new RememberedBump(key, target);
        }
        return Optional.of(new Action(
                Kind.BUMP,
                Optional.of(finding.pkg().name()),
                finding.pkg().version(),
                target.to(),
                target.scheme(),
                Optional.of(target.size()),
                List.of(reason)));
    }

    /** What a bump's target depends on: the package and the fix. */
    private record BumpKey(
            String name, Optional<String> version, Optional<String> purl, Optional<String> type, Fix fix) {

        static BumpKey of(Finding finding) {
            return new BumpKey(
                    finding.pkg().name(),
                    finding.pkg().version(),
                    finding.pkg().purl(),
                    finding.pkg().type(),
                    finding.fix());
        }
    }

    /** A bump's target, scheme and size, worked out from a {@link BumpKey}. */
    private record BumpTarget(Optional<String> to, Optional<VersionScheme> scheme, BumpSize size) {}

    private record RememberedBump(BumpKey key, BumpTarget target) {}

    /**
     * The number of bump targets remembered, a power of two. Working a target out reads the
     * installed and every fixed version in the package's scheme (a quarter of a violating
     * evaluation), and the same package version with the same fix recurs in every evaluation of a
     * record, at every stage, and in the images built on the same bases.
     */
    private static final int BUMP_SLOTS = 4096;

    /**
     * The targets worked out last, in a slot chosen by the hash of their key. An entry is immutable
     * and a slot is replaced whole, so it is read and written from any thread without a lock: a
     * reader sees an entry that was written, or none, and checks its key.
     */
    private static final RememberedBump[] REMEMBERED_BUMPS = new RememberedBump[BUMP_SLOTS];

    private static BumpTarget target(Finding finding) {
        Optional<VersionScheme> scheme = VersionScheme.forPackage(finding.pkg());
        if (scheme.isPresent()) {
            try {
                Optional<Bump> bump = Bump.smallestFix(finding);
                return new BumpTarget(
                        bump.map(Bump::to), scheme, bump.map(Bump::size).orElse(BumpSize.UNKNOWN));
            } catch (InvalidVersionException e) {
                // Fall through: versions the scheme cannot read are ordered no better than without one.
            }
        }
        return new BumpTarget(onlyFixedVersion(finding), Optional.empty(), BumpSize.UNKNOWN);
    }

    /** The reasons sorted, each once: what {@code stream().distinct().sorted()} gives, without a stream. */
    private static List<String> sortedDistinct(List<String> reasons) {
        String[] sorted = reasons.toArray(new String[0]);
        Arrays.sort(sorted);
        int kept = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (kept == 0 || !sorted[i].equals(sorted[kept - 1])) {
                sorted[kept++] = sorted[i];
            }
        }
        return List.of(Arrays.copyOf(sorted, kept));
    }

    private static boolean anyBlank(List<String> reasons) {
        for (String reason : reasons) {
            if (reason.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** The one plain version the scanner offers as a fix, if it offers exactly one: no list, range or operator. */
    private static Optional<String> onlyFixedVersion(Finding finding) {
        List<String> offered = finding.fix().versions().stream()
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
        boolean plain = offered.size() == 1
                && offered.get(0).chars().noneMatch(c -> Character.isWhitespace(c) || ",|<>=!".indexOf(c) >= 0);
        return plain ? Optional.of(offered.get(0)) : Optional.empty();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(kind.name());
        subject.ifPresent(s -> text.append(' ').append(s));
        from.ifPresent(f -> text.append(' ').append(f));
        to.ifPresent(t -> text.append(" -> ").append(t));
        size.ifPresent(s -> text.append(" (").append(s).append(')'));
        return text.append(": ").append(String.join("; ", reasons)).toString();
    }
}
