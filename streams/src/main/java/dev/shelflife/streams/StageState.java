package dev.shelflife.streams;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the state keeps about one image at one stage: the last verdict emitted (its fingerprint and
 * outcome, and when it was evaluated), and the instant the image is woken at next for this stage.
 *
 * @param decision the {@link VerdictFingerprint#of decision} of the last verdict emitted
 * @param content the {@link VerdictFingerprint#content content} of the last verdict emitted
 * @param outcome its outcome
 * @param emittedAt its evaluation instant
 * @param wakeAt the forecast of the latest evaluation, if it has one
 * @param wakeReason why the verdict changes then
 */
record StageState(
        byte[] decision,
        byte[] content,
        String outcome,
        Instant emittedAt,
        Optional<Instant> wakeAt,
        Optional<String> wakeReason) {

    private static final int FORMAT = 1;

    StageState {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(emittedAt, "emittedAt");
        Objects.requireNonNull(wakeAt, "wakeAt");
        Objects.requireNonNull(wakeReason, "wakeReason");
    }

    byte[] encode() {
        return new Encoding.Writer(FORMAT)
                .writeBytes(decision)
                .writeBytes(content)
                .writeString(outcome)
                .writeInstant(emittedAt)
                .writeOptionalInstant(wakeAt)
                .writeOptional(wakeReason)
                .toByteArray();
    }

    static StageState decode(byte[] bytes) {
        Encoding.Reader in = new Encoding.Reader(bytes, FORMAT, "the state of a stage");
        return new StageState(
                in.readBytes(),
                in.readBytes(),
                in.readString(),
                in.readInstant(),
                in.readOptionalInstant(),
                in.readOptional());
    }
}
