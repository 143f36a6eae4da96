package dev.shelflife.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of {@code shelflife}. A new command is a new implementation plus one line in
 * {@link Main}'s command list.
 *
 * <p>{@link #run} throws {@link UsageException} for bad arguments and lets a
 * {@link dev.shelflife.ReportParseException} through for unreadable input: {@link Main} turns
 * both into their exit codes and messages, so commands never print errors themselves.
 */
interface Command {

    /**
     * The word that selects the command.
     *
     * @return the name, such as {@code parse}
     */
    String name();

    /**
     * What the command does, in one line for the command list.
     *
     * @return the summary
     */
    String summary();

    /**
     * The command's arguments, as shown after {@code shelflife} in usage lines.
     *
     * @return the synopsis, such as {@code parse FILE [--output text|json]}
     */
    String synopsis();

    /**
     * What {@code shelflife COMMAND --help} prints after the usage line: a description and the
     * options, one per line.
     *
     * @return the help text
     */
    String help();

    /**
     * Runs the command.
     *
     * @param arguments the arguments after the command's name, without the global options
     * @param out where results go
     * @param err where diagnostics that are not errors go
     * @return the exit code
     * @throws UsageException if the arguments are wrong
     */
    ExitCode run(List<String> arguments, PrintStream out, PrintStream err);
}
