package dev.shelflife.policy;

import dev.shelflife.FixState;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.rule.AgeLimit;
import dev.shelflife.policy.rule.Coverage;
import dev.shelflife.policy.rule.RemediationSla;
import dev.shelflife.policy.rule.SeverityGate;
import dev.shelflife.spi.DocumentTooLargeException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where policies come from: the built-in default, and policy files in YAML or JSON.
 *
 * <p>A policy file maps one to one to {@link Policy}; {@code docs/policy.md} describes every
 * key. Loading is strict and reports every problem at once, each with its line, column and JSON
 * pointer, in one {@link PolicyException}: unknown and duplicate keys, YAML anchors, aliases,
 * merge keys and tags, bad durations, severities, modes, clocks and instants, and whatever the
 * records themselves reject.
 *
 * @since 0.1
 */
public final class Policies {

    /** The largest policy file accepted, in characters (and bytes): 1 MiB. */
    public static final int MAX_POLICY_CHARS = 1 << 20;

    /** The class-path resource of the default policy's YAML form. */
    public static final String DEFAULT_POLICY_RESOURCE = "/dev/shelflife/policy/default-policy.yaml";

    /** The limits a policy file is read under: {@value #MAX_POLICY_CHARS} bytes. */
    private static final ReadLimits LIMITS = ReadLimits.DEFAULT.withMaxDocumentBytes(MAX_POLICY_CHARS);

    private Policies() {}

    /**
     * The built-in default policy, documented rule by rule in {@code docs/policy.md}:
     * <ul>
     * <li>{@code build}, enforced: fixable HIGH and CRITICAL findings block; no scan blocks;
     *     report problems and unknown severities warn;</li>
     * <li>{@code deploy}, enforced: fixable findings block once past their SLA (CRITICAL 7 days,
     *     HIGH 30, MEDIUM 90, counted from when a fix was first seen, else from publication);
     *     images older than 90 days, scans older than 7 days and vulnerability databases older
     *     than 10 days block; no scan blocks;</li>
     * <li>{@code run}, warn only: the same SLAs plus LOW in 180 days, image age 90 days, scan
     *     age 3 days and database age 6 days, so that the forecast says when to rebuild or rescan.</li>
     * </ul>
     * Its YAML form is the resource {@value #DEFAULT_POLICY_RESOURCE}.
     *
     * @return the default policy
     */
    public static Policy defaults() {
        Map<Severity, Duration> deploySla = Map.of(
                Severity.CRITICAL, Duration.ofDays(7),
                Severity.HIGH, Duration.ofDays(30),
                Severity.MEDIUM, Duration.ofDays(90));
        RemediationSla sla = RemediationSla.of(deploySla)
                .from(DeadlineClock.FIX_AVAILABLE, DeadlineClock.PUBLISHED)
                .fixStates(Set.of(FixState.FIXED));
        return Policy.builder()
                .stage(
                        Stage.BUILD,
                        Mode.ENFORCE,
                        SeverityGate.atLeast(Severity.HIGH).fixableOnly(),
                        Coverage.failClosed().reportProblems(Treatment.WARN).unknownSeverity(Treatment.WARN))
                .stage(
                        Stage.DEPLOY,
                        Mode.ENFORCE,
                        sla,
                        AgeLimit.image(Duration.ofDays(90)).whenUnknown(Treatment.WARN),
                        AgeLimit.scan(Duration.ofDays(7)),
                        AgeLimit.database(Duration.ofDays(10)).whenUnknown(Treatment.IGNORE),
                        Coverage.failClosed().reportProblems(Treatment.WARN).unknownSeverity(Treatment.WARN))
                .stage(
                        Stage.RUN,
                        Mode.WARN,
                        sla.within(Severity.LOW, Duration.ofDays(180)).whenUnknown(Treatment.WARN),
                        AgeLimit.image(Duration.ofDays(90)).whenUnknown(Treatment.WARN),
                        AgeLimit.scan(Duration.ofDays(3)).whenUnknown(Treatment.WARN),
                        AgeLimit.database(Duration.ofDays(6)).whenUnknown(Treatment.IGNORE),
                        Coverage.failClosed()
                                .noScan(Treatment.WARN)
                                .reportProblems(Treatment.WARN)
                                .unknownSeverity(Treatment.WARN))
                .build();
    }

    /**
     * The YAML form of the default policy, a starting point for a policy file of one's own.
     *
     * @return the text of {@value #DEFAULT_POLICY_RESOURCE}
     */
    public static String defaultPolicyYaml() {
        try (InputStream in = Objects.requireNonNull(
                Policies.class.getResourceAsStream(DEFAULT_POLICY_RESOURCE), DEFAULT_POLICY_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a policy file: JSON if its name ends in {@code .json}, YAML otherwise (a leading
     * byte-order mark is skipped).
     *
     * <p>The file is read like a report ({@link ReportSource#readAllBytes()}): a named pipe, a
     * device or a directory is refused before anything is read, and never more than
     * {@value #MAX_POLICY_CHARS} bytes are read, whatever the file system says its size is.
     *
     * @param file the file, UTF-8, at most {@value #MAX_POLICY_CHARS} bytes
     * @return the policy
     * @throws PolicyException if the file cannot be read or is not a valid policy; the message
     *     names every problem with its line and column
     */
    public static Policy read(Path file) {
        return read(file, RuleTypes.load());
    }

    /**
     * Reads a policy file as {@link #read(Path)} does, with the given rule types instead of those
     * installed.
     *
     * @param file the file, UTF-8, at most {@value #MAX_POLICY_CHARS} bytes
     * @param types the rule types the file may name
     * @return the policy
     * @throws PolicyException if the file cannot be read or is not a valid policy; the message
     *     names every problem with its line and column
     * @since 0.2
     */
    public static Policy read(Path file, RuleTypes types) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(types, "types");
        String name = file.toString();
        try {
            byte[] bytes = ReportSource.of(file).withLimits(LIMITS).readAllBytes();
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return parse(name, text.startsWith("\uFEFF") ? text.substring(1) : text, types);
        } catch (NoSuchFileException e) {
            throw new PolicyException("cannot read policy " + name + ": no such file", e);
        } catch (DocumentTooLargeException e) {
            throw new PolicyException(
                    "invalid policy " + name + ": limit exceeded: larger than " + MAX_POLICY_CHARS
                            + " bytes (Policies.MAX_POLICY_CHARS, a fixed limit)",
                    e);
        } catch (CharacterCodingException e) {
            throw new PolicyException("invalid policy " + name + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new PolicyException("cannot read policy " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a policy document: JSON if the name ends in {@code .json}, YAML if it ends in
     * {@code .yaml} or {@code .yml}, and otherwise JSON if the text starts with <code>{</code>.
     *
     * @param name the document's name, used in error locations ({@code policy.yaml})
     * @param text the document, at most {@value #MAX_POLICY_CHARS} characters
     * @return the policy
     * @throws PolicyException if the document is not a valid policy; the message names every
     *     problem with its line and column
     */
    public static Policy parse(String name, String text) {
        return parse(name, text, RuleTypes.load());
    }

    /**
     * Parses a policy document as {@link #parse(String, String)} does, with the given rule types
     * instead of those installed.
     *
     * @param name the document's name, used in error locations ({@code policy.yaml})
     * @param text the document, at most {@value #MAX_POLICY_CHARS} characters
     * @param types the rule types the document may name
     * @return the policy
     * @throws PolicyException if the document is not a valid policy; the message names every
     *     problem with its line and column
     * @since 0.2
     */
    public static Policy parse(String name, String text, RuleTypes types) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(types, "types");
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_POLICY_CHARS) {
            throw new PolicyException("invalid policy " + name + ": longer than " + MAX_POLICY_CHARS + " characters");
        }
        PolicyProblems problems = new PolicyProblems(name);
        PolicyTree.Node root = PolicyTree.read(name, text, problems);
        Optional<Policy> policy = new PolicyBinder(problems, types).policy(root);
        problems.throwIfAny();
        return policy.orElseThrow(() -> new IllegalStateException("a policy failed to bind without a problem"));
    }
}
