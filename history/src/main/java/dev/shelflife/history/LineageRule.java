package dev.shelflife.history;

import dev.shelflife.ImageRef;
import dev.shelflife.Lineage;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How images are grouped into lineages: the images a team ships under one name, whose clocks
 * count together.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface LineageRule {

    /**
     * The lineage an image belongs to.
     *
     * @param image the image
     * @return the lineage's name, never blank
     */
    String lineageOf(ImageRef image);

    /**
     * The default: the registry and repository, without tag or digest
     * ({@code ghcr.io/acme/shop-api} for every tag and digest of it).
     *
     * @return the rule
     */
    static LineageRule repository() {
        return Lineage::defaultName;
    }

    /**
     * A rule that rewrites the repository's name with a regular expression, for teams that ship one
     * lineage under several repositories ({@code ghcr.io/acme/shop-api-(amd64|arm64)} → {@code
     * ghcr.io/acme/shop-api}). Names the expression does not match keep the default.
     *
     * @param pattern matched against the whole {@code registry/repository} name
     * @param replacement the lineage's name, with {@code $1}… for the pattern's groups
     * @return the rule
     */
    static LineageRule rewrite(Pattern pattern, String replacement) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(replacement, "replacement");
        return image -> {
            Matcher matcher = pattern.matcher(image.name());
            return matcher.matches() ? matcher.replaceFirst(replacement) : image.name();
        };
    }
}
