/**
 * The two history stores ShelfLife ships, behind one implementation: an SQLite file, the embedded
 * default, and a PostgreSQL database for a team or a fleet. They keep the same tables, created and
 * migrated by Flyway, run the same SQL, and differ only in what each database does differently (how
 * a writer waits for another, what an error means), which each one's dialect says. Two public
 * classes are the providers {@link java.util.ServiceLoader} finds; open stores with {@link
 * dev.shelflife.history.HistoryStores}. The third, {@link dev.shelflife.history.jdbc.EvidenceCodec},
 * lends the stores' encoding of a report to programs that keep reports elsewhere. {@code docs/history.md} describes the tables and the
 * guarantees.
 *
 * @since 0.2
 */
package dev.shelflife.history.jdbc;
