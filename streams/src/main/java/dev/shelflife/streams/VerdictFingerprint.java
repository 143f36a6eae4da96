package dev.shelflife.streams;

import dev.shelflife.Finding;
import dev.shelflife.Stage;
import dev.shelflife.policy.Action;
import dev.shelflife.policy.AppliedWaiver;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.IgnoredEvidence;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.Waiver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Two SHA-256 fingerprints of a verdict, which tell the stream of changes whether a verdict differs
 * from the last one emitted.
 *
 * <p>The <em>decision</em> ({@link #of(Verdict)}) covers the outcome and mode, every violation (rule,
 * effect, vulnerability, package, severity, clock, clock value, deadline, message), the waivers
 * applied (with their findings), unmatched and expired, the actions, and the evidence left out as
 * made later: what the verdict decides. The <em>content</em> ({@link #content}) adds what else the
 * verdict's JSON says: the forecast, the reports it was reached on, the policy and the image. Two
 * verdicts of one image and stage with equal content have equal JSON but for {@code evaluatedAt}.
 */
final class VerdictFingerprint {

    /** What is hashed, gathered first and hashed in one call: hashing byte by byte costs more than the rule. */
    private byte[] buffer = new byte[4096];

    private int length;

    private VerdictFingerprint() {}

    private byte[] digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(buffer, 0, length);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private void put(byte value) {
        ensure(1);
        buffer[length++] = value;
    }

    private void put(byte[] values) {
        ensure(values.length);
        System.arraycopy(values, 0, buffer, length, values.length);
        length += values.length;
    }

    private void ensure(int more) {
        if (buffer.length - length < more) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    static byte[] of(Verdict verdict) {
        VerdictFingerprint print = new VerdictFingerprint();
        print.text(verdict.stage().name())
                .text(verdict.mode().name())
                .text(verdict.outcome().name());
        print.count(verdict.violations().size());
        for (Violation violation : verdict.violations()) {
            print.text(violation.ruleId())
                    .text(violation.effect().name())
                    .optional(violation.vulnerabilityId())
                    .finding(violation.finding())
                    .optional(violation.severity().map(Enum::name))
                    .optional(violation.clock())
                    .optional(violation.clockValue().map(Object::toString))
                    .optional(violation.deadline().map(Object::toString))
                    .text(violation.message());
        }
        print.count(verdict.waiversApplied().size());
        for (AppliedWaiver waiver : verdict.waiversApplied()) {
            print.text(waiver.id())
                    .text(waiver.origin().name())
                    .optional(waiver.expires().map(Object::toString));
            print.count(waiver.findings().size());
            waiver.findings().forEach(f -> print.finding(Optional.of(f)));
        }
        print.count(verdict.unmatchedWaivers().size());
        verdict.unmatchedWaivers().forEach(print::waiver);
        print.count(verdict.expiredWaivers().size());
        verdict.expiredWaivers().forEach(print::waiver);
        print.count(verdict.actions().size());
        for (Action action : verdict.actions()) {
            print.text(action.kind().name())
                    .optional(action.subject())
                    .optional(action.from())
                    .optional(action.to())
                    .optional(action.size().map(Enum::name));
        }
        print.count(verdict.ignoredEvidence().size());
        for (IgnoredEvidence ignored : verdict.ignoredEvidence()) {
            print.text(ignored.subject()).text(ignored.madeAt().toString());
        }
        return print.digest();
    }

    /**
     * The content fingerprint: the decision, the forecast, until when a passing verdict passes, the
     * names of the reports the verdict was reached on, the policy's name and the image.
     */
    static byte[] content(
            byte[] decision,
            Verdict verdict,
            Optional<Forecast> validUntil,
            List<String> reportNames,
            Optional<String> policy,
            String image) {
        VerdictFingerprint print = new VerdictFingerprint();
        print.put(decision);
        print.optional(verdict.nextChange().map(f -> f.at() + "\n" + f.reason()));
        print.optional(validUntil.map(f -> f.at() + "\n" + f.reason()));
        print.count(reportNames.size());
        reportNames.forEach(print::text);
        print.optional(policy).text(image);
        return print.digest();
    }

    private VerdictFingerprint waiver(Waiver waiver) {
        text(waiver.id()).text(waiver.expires().toString());
        waiver.stages()
                .ifPresent(stages -> stages.stream().map(Stage::name).sorted().forEach(this::text));
        return this;
    }

    private VerdictFingerprint finding(Optional<Finding> finding) {
        if (finding.isEmpty()) {
            return count(0);
        }
        Finding f = finding.get();
        return count(1).text(f.vulnerability().id())
                .text(f.pkg().name())
                .optional(f.pkg().version())
                .optional(f.pkg().purl())
                .text(f.severity().name());
    }

    private VerdictFingerprint text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        count(bytes.length);
        put(bytes);
        return this;
    }

    private VerdictFingerprint optional(Optional<String> value) {
        if (value.isEmpty()) {
            put((byte) 0);
            return this;
        }
        put((byte) 1);
        return text(value.get());
    }

    private VerdictFingerprint count(int value) {
        ensure(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
        return this;
    }
}
