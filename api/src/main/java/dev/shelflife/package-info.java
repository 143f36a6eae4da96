/**
 * The ShelfLife model: images, scan reports, findings, VEX statements and the records a policy
 * evaluates, plus {@link dev.shelflife.ScannerAdapters} to read reports and the one exception
 * family ({@link dev.shelflife.ShelfLifeException}).
 *
 * <p>Every type is an immutable value: records validated in their compact constructors, with
 * {@link java.util.Optional} for absent scalars and empty lists for absent collections.
 *
 * @since 0.1
 */
@NullMarked
package dev.shelflife;

import org.jspecify.annotations.NullMarked;
