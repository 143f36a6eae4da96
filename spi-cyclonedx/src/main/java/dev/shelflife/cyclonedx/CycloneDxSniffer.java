package dev.shelflife.cyclonedx;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.json.TopLevelLook;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * Recognises CycloneDX from the structure of the input, read as a stream for as far as the
 * decision needs: a JSON object whose {@code bomFormat} is {@code CycloneDX}, in whatever place
 * among its keys, or XML whose root element is {@code bom} in a CycloneDX namespace, after a
 * prolog of any length. A byte-order mark and leading white space are tolerated.
 *
 * <p>The JSON look stops at {@code bomFormat}, or at a key that identifies another format
 * ({@link FormatKeys#identifies(String)}), or at another format's container of entries that holds
 * something: a Snyk project's {@code vulnerabilities}, whose entries name {@code packageManager},
 * are not CycloneDX's.
 */
final class CycloneDxSniffer {

    /** XML that names the CycloneDX namespace but cannot be read (a DOCTYPE, say): claimed, so that reading says why. */
    private static final double BROKEN_XML_WITH_NAMESPACE = 0.9;

    /** How far into broken XML to look for the CycloneDX namespace, to claim it so that reading says why it is broken. */
    private static final int BROKEN_XML_LOOK = 64 * 1024;

    /** Keys of a Snyk vulnerability entry that a CycloneDX vulnerability has not. */
    private static final Set<String> SNYK_ENTRY_KEYS = Set.of("packageManager", "packageName");

    private CycloneDxSniffer() {}

    static Detection detect(ReportSource source) {
        return switch (firstCharacter(source)) {
            case '{' -> json(source);
            case '<' -> xml(source);
            default -> Detection.none(JsonBomReader.FORMAT, "neither a JSON object nor XML");
        };
    }

    /**
     * The first character of the document that is not white space or a byte-order mark, read as
     * a stream: however much white space comes first, within the document size limit.
     *
     * @param source the document
     * @return the character (for a non-ASCII one, its first byte or code unit), or -1 if there is none
     * @throws ReportParseException if the source cannot be read, or is white space beyond the size limit
     */
    static int firstCharacter(ReportSource source) {
        try (InputStream in = new BufferedInputStream(source.open())) {
            in.mark(3);
            byte[] start = in.readNBytes(3);
            in.reset();
            boolean utf16 = start.length >= 2 && (start[0] == 0 ^ start[1] == 0 || isUtf16Mark(start));
            boolean bigEndian = utf16 && (start[0] == 0 || (start[0] & 0xFF) == 0xFE);
            if (!utf16
                    && start.length == 3
                    && (start[0] & 0xFF) == 0xEF
                    && (start[1] & 0xFF) == 0xBB
                    && (start[2] & 0xFF) == 0xBF) {
                in.skipNBytes(3);
            }
            long read = 0;
            long max = source.limits().maxDocumentBytes();
            while (true) {
                int first = in.read();
                int c = first;
                if (utf16 && first >= 0) {
                    int second = in.read();
                    if (second < 0) {
                        return -1;
                    }
                    c = bigEndian ? first << 8 | second : second << 8 | first;
                    read++;
                }
                if (c < 0) {
                    return -1;
                }
                if (++read > max) {
                    throw new ReportParseException(
                            ReportLocation.of(source.name()),
                            "limit exceeded: document larger than " + max + " bytes (ReadLimits.maxDocumentBytes)");
                }
                if (c != '\uFEFF' && !Character.isWhitespace(c)) {
                    return c;
                }
            }
        } catch (IOException e) {
            throw new ReportParseException(ReportLocation.of(source.name()), "cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean isUtf16Mark(byte[] start) {
        int pair = (start[0] & 0xFF) << 8 | (start[1] & 0xFF);
        return pair == 0xFEFF || pair == 0xFFFE;
    }

    private static Detection json(ReportSource source) {
        return TopLevelLook.detect(source, JsonLook::new);
    }

    /** What the look at a JSON object saw. */
    private static final class JsonLook implements TopLevelLook {
        private final JsonCursor cursor;
        private String bomFormat;
        private String specVersion;
        private String foreign;

        JsonLook(JsonCursor cursor) {
            this.cursor = cursor;
        }

        @Override
        public boolean field(String name) {
            switch (name) {
                case "bomFormat" -> {
                    bomFormat = scalar();
                    return specVersion == null;
                }
                case "specVersion" -> {
                    specVersion = scalar();
                    return bomFormat == null;
                }
                case "components" -> {
                    cursor.skip();
                    return bomFormat == null;
                }
                case "vulnerabilities" -> {
                    return vulnerabilities();
                }
                default -> {
                    return other(name);
                }
            }
        }

        private boolean vulnerabilities() {
            if (cursor.currentToken() != JsonToken.START_ARRAY) {
                cursor.skip();
                return bomFormat == null;
            }
            JsonToken first = cursor.nextToken();
            if (first == JsonToken.END_ARRAY) {
                return bomFormat == null;
            }
            if (first == JsonToken.START_OBJECT) {
                boolean[] snyk = {false};
                cursor.forEachFieldWhile(key -> {
                    cursor.skip();
                    snyk[0] = SNYK_ENTRY_KEYS.contains(key);
                    return !snyk[0];
                });
                if (snyk[0]) {
                    foreign = "vulnerabilities whose entries name packageManager and packageName, as Snyk's do";
                    return false;
                }
            }
            if (bomFormat != null) {
                return false;
            }
            cursor.skipRest();
            return true;
        }

        private boolean other(String name) {
            Optional<String> format = FormatKeys.identifies(name).filter(f -> !f.equals("CycloneDX"));
            if (format.isPresent()) {
                foreign = "\"" + name + "\", which " + format.get() + " writes";
                return false;
            }
            if (name.equals("$schema") && cursor.currentToken() == JsonToken.VALUE_STRING) {
                String schema = cursor.text();
                if (schema.toLowerCase(Locale.ROOT).contains("sarif")) {
                    foreign = "a SARIF $schema";
                    return false;
                }
                return true;
            }
            cursor.skip();
            return true;
        }

        private String scalar() {
            if (cursor.currentToken() == JsonToken.VALUE_STRING) {
                return cursor.text();
            }
            cursor.skip();
            return null;
        }

        @Override
        public Detection verdict() {
            if ("CycloneDX".equals(bomFormat)) {
                return Detection.certain(JsonBomReader.FORMAT, specVersion, "\"bomFormat\": \"CycloneDX\"");
            }
            if (foreign != null) {
                return Detection.none(
                        JsonBomReader.FORMAT,
                        "a JSON object with " + foreign + " before any \"bomFormat\": \"CycloneDX\"");
            }
            return Detection.none(JsonBomReader.FORMAT, "a JSON object without \"bomFormat\": \"CycloneDX\"");
        }
    }

    private static Detection xml(ReportSource source) {
        try (XmlCursor cursor = XmlCursor.open(source)) {
            QName root = cursor.root();
            Optional<String> version = CycloneDxSpec.versionOfNamespace(root.getNamespaceURI());
            if (root.getLocalPart().equals("bom") && version.isPresent()) {
                return Detection.certain(XmlBomReader.FORMAT, version.get(), "root element " + root);
            }
            return Detection.none(XmlBomReader.FORMAT, "XML whose root element is " + root + ", not a CycloneDX bom");
        } catch (ReportParseException unreadable) {
            if (namesTheNamespace(source)) {
                return Detection.of(
                        BROKEN_XML_WITH_NAMESPACE,
                        XmlBomReader.FORMAT,
                        "XML that names the CycloneDX namespace but cannot be read: " + unreadable.problem());
            }
            return Detection.none(XmlBomReader.FORMAT, "XML that cannot be read: " + unreadable.problem());
        }
    }

    /** Whether unreadable XML names the CycloneDX namespace early on, so that claiming it lets reading say why it fails. */
    private static boolean namesTheNamespace(ReportSource source) {
        try (InputStream in = source.open()) {
            byte[] start = in.readNBytes(BROKEN_XML_LOOK);
            boolean utf16 = start.length >= 2 && (start[0] == 0 ^ start[1] == 0 || isUtf16Mark(start));
            Charset charset = !utf16
                    ? StandardCharsets.UTF_8
                    : start[0] == 0 || (start[0] & 0xFF) == 0xFE
                            ? StandardCharsets.UTF_16BE
                            : StandardCharsets.UTF_16LE;
            return new String(start, charset).contains(CycloneDxSpec.NAMESPACE_PREFIX);
        } catch (IOException e) {
            return false;
        }
    }
}
