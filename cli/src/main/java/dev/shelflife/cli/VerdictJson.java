package dev.shelflife.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Verdict;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Writes a verdict as the JSON object of {@code shelflife evaluate --output json}, through the
 * library that every embedder shares ({@link dev.shelflife.output.VerdictJson}, in
 * {@code shelflife-outputs}), naming each report by the file it was read from; and prints the
 * command's other JSON trees the same way.
 */
final class VerdictJson {

    /** The version of the output shape; raised only when a key is removed or changes meaning. */
    static final int OUTPUT_VERSION = dev.shelflife.output.VerdictJson.OUTPUT_VERSION;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private VerdictJson() {}

    /**
     * Writes one verdict as one pretty-printed JSON object and a line break.
     *
     * @param verdict the verdict
     * @param validUntil for a passing verdict, until when it passes
     * @param input what was evaluated
     * @param out where to write
     */
    static void write(Verdict verdict, Optional<Forecast> validUntil, EvaluateInput input, PrintStream out) {
        dev.shelflife.output.VerdictJson.write(verdict, input.evidence(), validUntil, out);
    }

    /**
     * Prints a JSON tree, pretty-printed, and a line break.
     *
     * @param json the tree
     * @param out where to write
     */
    static void print(ObjectNode json, PrintStream out) {
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An empty object to build a tree in.
     *
     * @return the object
     */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
