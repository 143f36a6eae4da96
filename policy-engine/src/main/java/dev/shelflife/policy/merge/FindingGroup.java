package dev.shelflife.policy.merge;

import dev.shelflife.Finding;
import dev.shelflife.Severity;
import dev.shelflife.policy.PolicyEngine;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One vulnerability in one package version, as one or more scanners reported it: the unit that
 * {@link MergedFindings} produces, that the {@link PolicyEngine} judges, and that a
 * {@link BaselineDiff} classifies.
 *
 * <p>The group's sightings name the same CVE ids, or none (see {@link MergedFindings}). The group's
 * {@link #finding() finding} stands for them all: its id is the group's CVE id, as first written,
 * when it names one, and otherwise the first sighting's id (a vulnerability without a CVE, or an
 * advisory that covers several CVEs, such as {@code ELSA-2022-9221}); its aliases are every other
 * id any scanner gave; its severity is the {@link SeverityRule}'s choice, with that choice's source;
 * its fix is {@code FIXED} with every fixed version offered when any scanner knows a fix, and
 * otherwise the first fix state a scanner knows; its package, target and descriptive fields are
 * those of the first sighting that has them. A group of one sighting under a rule that keeps its
 * severity has that sighting's finding unchanged.
 *
 * @param finding the finding that stands for the group
 * @param packageIdentity the package as merging compares it: {@code ECOSYSTEM/NAME} in lower
 *     case, such as {@code deb/libc6} or {@code maven/org.yaml/snakeyaml}, or the bare name when the
 *     ecosystem is unknown
 * @param sightings every scanner's finding, in report order; at least one
 * @param severityScanner the scanner whose report gave the effective severity
 * @since 0.1
 */
public record FindingGroup(Finding finding, String packageIdentity, List<Sighting> sightings, String severityScanner) {

    /**
     * Validates the parts and copies the sightings.
     *
     * @throws IllegalArgumentException if there is no sighting
     */
    public FindingGroup {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(packageIdentity, "packageIdentity");
        sightings = List.copyOf(sightings);
        Objects.requireNonNull(severityScanner, "severityScanner");
        if (sightings.isEmpty()) {
            throw new IllegalArgumentException("a finding group needs at least one sighting");
        }
    }

    /**
     * The group's vulnerability id.
     *
     * @return the id of {@link #finding()}
     */
    public String id() {
        return finding.vulnerability().id();
    }

    /**
     * The effective severity.
     *
     * @return the severity of {@link #finding()}
     */
    public Severity severity() {
        return finding.severity();
    }

    /**
     * The installed version the group is about.
     *
     * @return the version, or empty when the scanners did not say
     */
    public Optional<String> version() {
        return finding.pkg().version();
    }

    /**
     * The scanners that reported the vulnerability, each once, in report order and as their
     * reports name them.
     *
     * @return the scanners' names
     */
    public List<String> scanners() {
        Set<String> seen = new HashSet<>();
        return sightings.stream()
                .map(s -> s.scanner().name())
                .filter(name -> seen.add(name.toLowerCase(Locale.ROOT)))
                .toList();
    }
}
