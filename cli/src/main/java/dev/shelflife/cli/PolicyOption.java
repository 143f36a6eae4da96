package dev.shelflife.cli;

import dev.shelflife.Stage;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code --policy} option of the commands that evaluate: the policy file, or the built-in
 * default policy. A policy that cannot be loaded is a usage error, like any other wrong
 * configuration of a command.
 */
final class PolicyOption {

    /** The option's name. */
    static final String NAME = "--policy";

    private PolicyOption() {}

    /**
     * Loads the policy the option names.
     *
     * @param file the option's value, or empty for the built-in default policy
     * @return the policy
     * @throws UsageException if the file is not a valid policy, with every problem it has
     */
    static Policy load(Optional<String> file) {
        if (file.isEmpty()) {
            return Policies.defaults();
        }
        try {
            return Policies.read(Path.of(file.get()));
        } catch (PolicyException e) {
            throw new UsageException(e.getMessage());
        } catch (InvalidPathException e) {
            throw new UsageException(NAME + ": not a file name: " + e.getMessage());
        }
    }

    /**
     * Says that a policy lacks a stage, and which stages it has.
     *
     * @param policy the policy
     * @param stage the stage it lacks
     * @return the message
     */
    static String noStage(Policy policy, Stage stage) {
        return "the policy defines no stage \"" + stage + "\"; it defines: "
                + policy.stages().keySet().stream().map(Stage::name).sorted().collect(Collectors.joining(", "));
    }
}
