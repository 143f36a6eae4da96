/**
 * The history of every image's evidence: what was recorded (reports of every kind, with each
 * finding's identity, version and fix), which digest each tag pointed to and since when, and
 * which verdicts were issued. {@link dev.shelflife.history.HistoryStore} is the store's SPI,
 * {@link dev.shelflife.history.HistoryStores} opens one from a URL; a store builds
 * {@link dev.shelflife.ImageRecord}s with their {@link dev.shelflife.Lineage}'s history, so that
 * the clocks that remember ({@code first-seen}, {@code fix-available}) count across scans and
 * rebuilds while the policy engine stays pure.
 *
 * @since 0.2
 */
@NullMarked
package dev.shelflife.history;

import org.jspecify.annotations.NullMarked;
