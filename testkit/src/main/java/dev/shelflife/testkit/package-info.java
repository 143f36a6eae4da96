/**
 * Test support for ShelfLife users: {@link dev.shelflife.testkit.ScannerAdapterContract}, the
 * contract kit that every scanner adapter's tests extend, {@link dev.shelflife.testkit.BadInputMatrix},
 * the bad-input matrix they extend too (with {@link dev.shelflife.testkit.MatrixTemplate}s for its
 * shared rows and an {@link dev.shelflife.testkit.EntryFrame} for their own),
 * {@link dev.shelflife.testkit.FuzzTarget}, the contract a
 * fuzzer checks, and AssertJ assertions.
 *
 * @since 0.1
 */
package dev.shelflife.testkit;
