/**
 * Reads scanners' ignore files into assessments whose rules the policy engine imports as
 * waivers: Trivy's {@code .trivyignore} and {@code .trivyignore.yaml}
 * ({@link dev.shelflife.ignore.TrivyIgnoreAdapter}) and the {@code ignore:} rules of Grype's
 * {@code .grype.yaml} ({@link dev.shelflife.ignore.GrypeIgnoreAdapter}).
 *
 * <p>The files are small and read whole: text decoded strictly, YAML read from SnakeYAML's events
 * into a located tree that refuses anchors, aliases, tags, merge keys and duplicate keys. Each
 * rule becomes a {@link dev.shelflife.IgnoreRule}; what a rule of the file asks that ShelfLife
 * cannot check, and entries that are no vulnerability's, are skipped as problems.
 */
package dev.shelflife.ignore;
