/**
 * The documented output shapes of a verdict, for every program that embeds ShelfLife: the JSON
 * object {@code shelflife evaluate --output json} prints ({@link dev.shelflife.output.VerdictJson}),
 * written from a {@link dev.shelflife.policy.Verdict} and the
 * {@link dev.shelflife.output.EvaluatedEvidence} it was reached on, so that a service, an admission
 * webhook or a stream of verdict changes emits the very document the command line does.
 *
 * <p>Unlike the model, this package speaks Jackson on purpose: its trees are Jackson's
 * {@code ObjectNode}s, so that a caller can place a verdict inside a document of its own.
 */
@NullMarked
package dev.shelflife.output;

import org.jspecify.annotations.NullMarked;
