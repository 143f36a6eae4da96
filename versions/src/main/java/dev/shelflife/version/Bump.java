package dev.shelflife.version;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Moving a package from its installed version to a higher one, and how big a step that is.
 *
 * <p>{@link #smallestFix(Finding)} finds the bump that fixes a finding with the least change:
 * <pre>{@code
 * Bump.smallestFix(finding)                      // openssl 3.0.11-1~deb12u1, fixed in 3.0.11-1~deb12u2, 3.0.13-1
 *     .filter(bump -> bump.size() == BumpSize.PATCH)
 *     .ifPresent(bump -> rebuild(bump.to()));     // 3.0.11-1~deb12u2, PATCH
 * }</pre>
 *
 * @param scheme the scheme both versions are read with
 * @param from the installed version
 * @param to the version to move to, higher than {@code from}
 * @param size how big the step is
 * @since 0.1
 */
public record Bump(VersionScheme scheme, String from, String to, BumpSize size) {

    /**
     * Validates the parts: both versions are valid in the scheme, {@code to} is higher than
     * {@code from}, and {@code size} is the size of that step.
     *
     * @param scheme the scheme both versions are read with
     * @param from the installed version
     * @param to the version to move to
     * @param size how big the step is
     * @throws InvalidVersionException if a version is not valid in the scheme
     * @throws IllegalArgumentException if {@code to} is not higher than {@code from}, or the size is not theirs
     */
    public Bump {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(size, "size");
        if (scheme.compare(to, from) <= 0) {
            throw new IllegalArgumentException(
                    "a bump goes up: " + to + " is not higher than " + from + " in " + scheme.id());
        }
        BumpSize actual = BumpSize.between(scheme.release(from), scheme.release(to));
        if (size != actual) {
            throw new IllegalArgumentException(from + " -> " + to + " is a " + actual + " bump, not " + size);
        }
    }

    /**
     * A bump, sized.
     *
     * @param scheme the scheme both versions are read with
     * @param from the installed version
     * @param to the version to move to
     * @return the bump
     * @throws InvalidVersionException if a version is not valid in the scheme
     * @throws IllegalArgumentException if {@code to} is not higher than {@code from}
     */
    public static Bump of(VersionScheme scheme, String from, String to) {
        return new Bump(scheme, from, to, BumpSize.between(scheme.release(from), scheme.release(to)));
    }

    /**
     * The bump to the smallest fixed version above the installed one, in the package's scheme.
     *
     * @param finding the finding
     * @return the bump; empty when the fix is not available, names no version, the installed
     *     version is not known, or no fixed version is above the installed one
     * @throws UnknownSchemeException if the package's versions have no scheme here
     *     ({@link VersionScheme#forPackage})
     * @throws InvalidVersionException if the installed version or a fixed version is not valid in
     *     the package's scheme
     */
    public static Optional<Bump> smallestFix(Finding finding) {
        Fix fix = finding.fix();
        Optional<String> installed = finding.pkg().version();
        if (!fix.isAvailable() || fix.versions().isEmpty() || installed.isEmpty()) {
            return Optional.empty();
        }
        VersionScheme scheme = VersionScheme.forPackage(finding.pkg())
                .orElseThrow(() -> UnknownSchemeException.forPackage(finding.pkg()));
        return smallestFix(scheme, installed.get(), fix.versions());
    }

    /**
     * The bump to the smallest fixed version above the installed one.
     *
     * <p>Each entry of {@code fixedVersions} is a version ({@code 2.0.1}) or a list of them
     * ({@code 1.2.3, 2.0.1}), or a fixed range ({@code >= 1.2.5, < 2.0.0}): plain versions,
     * {@code =} and {@code >=} bounds are candidates; {@code <}, {@code <=}, {@code !=} and
     * {@code >} constraints are checked but name no version to move to.
     *
     * @param scheme the scheme of the versions
     * @param installed the installed version
     * @param fixedVersions the fixed versions as the scanner wrote them
     * @return the bump to the lowest candidate above {@code installed}; empty when there is none
     * @throws InvalidVersionException if a version is not valid in the scheme, or a constraint names none
     */
    public static Optional<Bump> smallestFix(VersionScheme scheme, String installed, List<String> fixedVersions) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(fixedVersions, "fixedVersions");
        scheme.requireValid(installed);
        List<FixConstraint> constraints = FixConstraint.parseAll(scheme, fixedVersions);
        constraints.forEach(constraint -> scheme.requireValid(constraint.version()));
        return constraints.stream()
                .filter(FixConstraint::namesFix)
                .map(FixConstraint::version)
                .filter(candidate -> scheme.compare(candidate, installed) > 0)
                .min(scheme)
                .map(target -> of(scheme, installed, target));
    }

    @Override
    public String toString() {
        return scheme.id() + " " + from + " -> " + to + " (" + size + ")";
    }
}
