/**
 * Threat feeds that the caller supplies as files: the CISA catalog of Known Exploited
 * Vulnerabilities ({@link dev.shelflife.feed.KevCatalog}) and FIRST's daily EPSS scores
 * ({@link dev.shelflife.feed.EpssScores}), read as streams with located errors, and
 * {@link dev.shelflife.feed.Feeds}, which applies them to the findings of an image record before a
 * policy evaluates it.
 *
 * <p>Where to download the feeds, their formats, and which value wins when a report already
 * carries one: {@code docs/freshness.md}.
 *
 * @since 0.1
 */
@NullMarked
package dev.shelflife.feed;

import org.jspecify.annotations.NullMarked;
