package dev.shelflife.policy;

import dev.shelflife.policy.merge.Baseline;
import dev.shelflife.policy.rule.BaseImageCurrent;
import dev.shelflife.policy.rule.NoNewFindings;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller knows about an evaluation beyond the image record, and the engine cannot find out
 * itself since it does no I/O: the {@link Baseline} to compare with for pull-request gating, and
 * the {@link BaseImageStatus} of the image's base image tag. Passed to
 * {@link PolicyEngine#evaluate(dev.shelflife.ImageRecord, dev.shelflife.Stage, java.time.Instant, EvaluationContext)};
 * the engine hands it on to the rules through the {@link RuleContext}, where {@link NoNewFindings}
 * reads the {@link RuleContext#baselineDiff()} and {@link BaseImageCurrent} the
 * {@link RuleContext#baseImageStatus()}.
 *
 * <p>Start from {@link #none()} and add what is known; every part is optional and independent of
 * the others:
 * <pre>{@code
 * EvaluationContext context = EvaluationContext.none()
 *         .withBaseline(Baseline.of(mainlineReports))
 *         .withBaseImage(BaseImageStatus.of(base, currentDigest, firstSeen));
 * Verdict verdict = engine.evaluate(record, Stage.of("pr"), at, context);
 * }</pre>
 *
 * <p>Immutable and thread-safe. A class rather than a record, so that facts later rules need can be
 * added as new {@code withX} methods without changing a public constructor.
 *
 * @since 0.1
 */
public final class EvaluationContext {

    private static final EvaluationContext NONE = new EvaluationContext(Optional.empty(), Optional.empty());

    private final Optional<Baseline> baseline;
    private final Optional<BaseImageStatus> baseImage;

    private EvaluationContext(Optional<Baseline> baseline, Optional<BaseImageStatus> baseImage) {
        this.baseline = baseline;
        this.baseImage = baseImage;
    }

    /**
     * A context that adds nothing to the record: no baseline, no base image status.
     *
     * @return the empty context
     */
    public static EvaluationContext none() {
        return NONE;
    }

    /**
     * A copy that compares the image with a baseline, replacing any earlier one.
     *
     * @param baseline the reports of the mainline image the image was built from
     * @return the copy
     * @throws NullPointerException if {@code baseline} is {@code null}
     */
    public EvaluationContext withBaseline(Baseline baseline) {
        return new EvaluationContext(
                Optional.of(
                        Objects.requireNonNull(baseline, "baseline: to evaluate without one, leave withBaseline out")),
                baseImage);
    }

    /**
     * A copy that knows where the image's base image tag points now, replacing any earlier status.
     *
     * @param status the state of the base image tag, as the caller resolved it (see
     *     {@link BaseImageStatus#unresolved(dev.shelflife.BaseImage)} when it could not)
     * @return the copy
     * @throws NullPointerException if {@code status} is {@code null}
     */
    public EvaluationContext withBaseImage(BaseImageStatus status) {
        return new EvaluationContext(
                baseline,
                Optional.of(Objects.requireNonNull(
                        status,
                        "status: for a tag that could not be resolved, pass BaseImageStatus.unresolved(base)")));
    }

    /**
     * The baseline the image is compared with.
     *
     * @return the baseline, or empty without one
     */
    public Optional<Baseline> baseline() {
        return baseline;
    }

    /**
     * Where the image's base image tag points now, and since when.
     *
     * @return the status, or empty when the caller did not resolve the base
     */
    public Optional<BaseImageStatus> baseImage() {
        return baseImage;
    }

    /**
     * Whether another object is a context with an equal baseline and base image status.
     *
     * @param other the object to compare with
     * @return {@code true} if both parts are equal
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof EvaluationContext that
                && baseline.equals(that.baseline)
                && baseImage.equals(that.baseImage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseline, baseImage);
    }

    /**
     * A short description: how many reports the baseline has (not their findings, which may number
     * thousands) and the base image status.
     *
     * @return for example {@code EvaluationContext[baseline=2 reports, baseImage=none]}
     */
    @Override
    public String toString() {
        return "EvaluationContext[baseline="
                + baseline.map(EvaluationContext::describe).orElse("none") + ", baseImage="
                + baseImage.map(Object::toString).orElse("none") + "]";
    }

    private static String describe(Baseline baseline) {
        int reports = baseline.reports().size();
        return reports == 1 ? "1 report" : reports + " reports";
    }
}
