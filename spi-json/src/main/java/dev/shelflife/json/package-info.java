/**
 * Streaming JSON plumbing shared by the JSON scanner adapters: {@link dev.shelflife.json.JsonCursor}
 * walks a report token by token under the caller's read limits and turns every failure into a
 * located {@link dev.shelflife.ReportParseException}; {@link dev.shelflife.json.Timestamps} reads
 * the timestamp spellings scanners use. Package URLs are read by {@link dev.shelflife.PackageUrl}
 * in the model.
 *
 * <p>For adapter authors; not part of the ShelfLife model.
 *
 * @since 0.1
 */
@NullMarked
package dev.shelflife.json;

import org.jspecify.annotations.NullMarked;
