/**
 * Test support for ShelfLife users: {@link dev.shelflife.testkit.ScannerAdapterKit}, the one kit
 * that every scanner adapter's tests extend, set up with named parts by a
 * {@link dev.shelflife.testkit.KitSetup} ({@link dev.shelflife.testkit.KitSample}s it reads whole,
 * {@link dev.shelflife.testkit.KitTemplate}s it puts probes in, an
 * {@link dev.shelflife.testkit.EntryFrame} for the adapter's own rows, and opt-outs by
 * {@link dev.shelflife.testkit.KitCheck} with their reasons); {@link dev.shelflife.testkit.FuzzTarget},
 * the contract a fuzzer checks; {@link dev.shelflife.testkit.HistoryStoreContract}, the checks every
 * history store passes; and AssertJ assertions.
 *
 * @since 0.1
 */
@NullMarked
package dev.shelflife.testkit;

import org.jspecify.annotations.NullMarked;
