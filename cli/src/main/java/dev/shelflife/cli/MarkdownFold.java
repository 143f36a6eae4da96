package dev.shelflife.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Long lists and tables of a Markdown comment ({@code evaluate}, {@code merge} and {@code diff}
 * with {@code --output markdown}): folded into a {@code <details>} block when longer than
 * {@value #FOLD_AFTER}, so that the comment stays readable at a glance, and cut after
 * {@value #MAX_ROWS} lines, since GitHub refuses comments longer than 65,536 characters.
 */
final class MarkdownFold {

    /** Lists and tables longer than this are folded. */
    static final int FOLD_AFTER = 10;
    /** Lines shown per list or table at most. */
    static final int MAX_ROWS = 100;

    private MarkdownFold() {}

    /**
     * Lines as they are when few, else {@linkplain #details(String, List) folded}.
     *
     * @param caption the summary of the folded block
     * @param size how many entries the lines show (a table's rows, without its header)
     * @param lines the lines
     * @return the lines to write
     */
    static List<String> fold(String caption, int size, List<String> lines) {
        return size > FOLD_AFTER ? details(caption, lines) : lines;
    }

    /**
     * Lines in a {@code <details>} block, cut after {@value #MAX_ROWS} with a line that says how
     * many more there are.
     *
     * @param caption the summary of the block
     * @param lines the lines
     * @return the lines to write
     */
    static List<String> details(String caption, List<String> lines) {
        List<String> folded = new ArrayList<>(List.of("<details><summary>" + caption + "</summary>", ""));
        folded.addAll(lines.subList(0, Math.min(lines.size(), MAX_ROWS)));
        if (lines.size() > MAX_ROWS) {
            folded.add("");
            folded.add("… and " + (lines.size() - MAX_ROWS) + " more: see `--output json` for all of them.");
        }
        folded.addAll(List.of("", "</details>"));
        return folded;
    }
}
