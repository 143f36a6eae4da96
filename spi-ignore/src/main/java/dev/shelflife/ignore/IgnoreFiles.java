package dev.shelflife.ignore;

import dev.shelflife.ignore.YamlTree.Mapping;
import dev.shelflife.ignore.YamlTree.Node;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The conventional names of ignore files, and the look at a document that detection and reading
 * share. Ignore files are recognised by their names first, because an empty file or one that holds
 * only comments is a valid ignore file and shows no structure at all.
 */
final class IgnoreFiles {

    /**
     * The most bytes detection reads of a document to look at its content: ignore files are a few
     * kilobytes, and a larger document is no ignore file unless its name says so.
     */
    static final int MAX_LOOK = 64 << 10;

    private IgnoreFiles() {}

    /** The last segment of a source name: the file name. */
    static String fileName(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return source.substring(slash + 1);
    }

    /** {@code .trivyignore} or {@code NAME.trivyignore}. */
    static boolean isTrivyIgnoreText(String source) {
        String name = fileName(source).toLowerCase(Locale.ROOT);
        return name.endsWith(".trivyignore");
    }

    /** {@code .trivyignore.yaml}, {@code .trivyignore.yml}, or either after a name. */
    static boolean isTrivyIgnoreYaml(String source) {
        String name = fileName(source).toLowerCase(Locale.ROOT);
        return name.endsWith(".trivyignore.yaml") || name.endsWith(".trivyignore.yml");
    }

    /** Whether a name ends in {@code .yaml} or {@code .yml}: Trivy reads such an ignore file as YAML. */
    static boolean isYaml(String source) {
        String name = fileName(source).toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** {@code .grype.yaml}, {@code .grype.yml}, either after a name, or {@code .grype/config.yaml}. */
    static boolean isGrypeConfig(String source) {
        String name = fileName(source).toLowerCase(Locale.ROOT);
        if (name.endsWith(".grype.yaml") || name.endsWith(".grype.yml")) {
            return true;
        }
        String parent = fileName(source.substring(
                0, Math.max(0, source.length() - fileName(source).length() - 1)));
        return parent.equalsIgnoreCase(".grype") && (name.equals("config.yaml") || name.equals("config.yml"));
    }

    /**
     * The document's YAML tree, for detection: empty when the document is too large to be an
     * ignore file, cannot be read, is not well-formed YAML or holds nothing.
     */
    static Optional<Node> look(ReportSource source) {
        if (source.size().isPresent() && source.size().getAsLong() > MAX_LOOK) {
            return Optional.empty();
        }
        try (InputStream in = source.open()) {
            byte[] bytes = in.readNBytes(MAX_LOOK + 1);
            if (bytes.length > MAX_LOOK) {
                return Optional.empty();
            }
            IgnoreText text = IgnoreText.decode(source.name(), bytes, "YAML");
            return YamlTree.read(text, ReadLimits.DEFAULT.withMaxDepth(64));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The first text of a document that is not white space or a comment line, if any. */
    static Optional<Character> firstSignificant(ReportSource source) {
        try (InputStream in = source.open()) {
            byte[] bytes = in.readNBytes(MAX_LOOK);
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                String trimmed = line.strip().replace("\uFEFF", "");
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    return Optional.of(trimmed.charAt(0));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A top-level key that another format writes, with that format's name, if the mapping has one. */
    static Optional<String> foreignKey(Mapping top, String own) {
        for (String key : top.entries().keySet()) {
            Optional<String> format = FormatKeys.identifies(key).filter(f -> !f.equals(own));
            if (format.isPresent()) {
                return Optional.of("\"" + key + "\", which " + format.get() + " writes");
            }
        }
        return Optional.empty();
    }
}
