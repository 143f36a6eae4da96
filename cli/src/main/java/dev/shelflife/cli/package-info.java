/**
 * The {@code shelflife} command line: {@link dev.shelflife.cli.Main} dispatches to one command
 * per verb ({@code parse}, {@code evaluate}), each a package-private {@code Command} registered in {@code Main}.
 * Argument parsing is plain Java, so the CLI adds no library of its own.
 *
 * @since 0.1
 */
package dev.shelflife.cli;
