package dev.shelflife.json;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.function.Function;

/**
 * A detection's look at the fields of a document's top-level object, read as a stream for only
 * as far as the look wants: it says per field whether to go on, and then what it saw. {@link
 * #detect} runs it, the same way for every JSON adapter.
 *
 * <p>A document that breaks off, or is not JSON at all, is judged by what the look saw before:
 * detection claims nothing it has not seen, and the read that follows says where the document is
 * broken.
 *
 * @since 0.2
 */
public interface TopLevelLook extends JsonCursor.FieldCondition {

    /**
     * What the look decides from the fields it saw.
     *
     * @return the detection
     */
    Detection verdict();

    /**
     * What the look decides of a well-formed document that is not an object.
     *
     * @return the detection; by default {@link #verdict()}, having seen no field
     */
    default Detection notAnObject() {
        return verdict();
    }

    /**
     * Looks at a source's top-level object with a look made for its cursor.
     *
     * @param source the source
     * @param look makes the look, which may read the values of the fields it is shown through the
     *     cursor
     * @return the look's detection
     */
    static Detection detect(ReportSource source, Function<JsonCursor, ? extends TopLevelLook> look) {
        JsonCursor opened = JsonCursor.openFirstPass(source);
        TopLevelLook seen = look.apply(opened);
        try (JsonCursor cursor = opened) {
            if (cursor.nextToken() != JsonToken.START_OBJECT) {
                return seen.notAnObject();
            }
            cursor.forEachFieldWhile(seen);
        } catch (ReportParseException malformedOrCut) {
            // Decide on what was seen before.
        }
        return seen.verdict();
    }
}
