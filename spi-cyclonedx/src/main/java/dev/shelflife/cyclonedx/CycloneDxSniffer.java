package dev.shelflife.cyclonedx;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * Recognises CycloneDX from the head of the input: a JSON object whose {@code bomFormat} is
 * {@code CycloneDX}, or XML whose root element is {@code bom} in a CycloneDX namespace. A
 * byte-order mark and leading white space are tolerated. The head usually ends inside the
 * document, so a parse failure only ends the look.
 */
final class CycloneDxSniffer {

    /** XML that names the CycloneDX namespace but cannot be read (a DOCTYPE, say): claimed, so that reading says why. */
    private static final double BROKEN_XML_WITH_NAMESPACE = 0.9;

    private CycloneDxSniffer() {}

    static Detection detect(ReportSource source) {
        byte[] head = source.head();
        ReportSource headOnly = ReportSource.of(source.name(), head).withLimits(source.limits());
        return switch (firstCharacter(head)) {
            case '{' -> json(headOnly);
            case '<' -> xml(headOnly, head);
            default -> Detection.none(JsonBomReader.FORMAT, "neither a JSON object nor XML");
        };
    }

    /**
     * The first character that is not white space or a byte-order mark.
     *
     * @param head the first bytes of the input
     * @return the character, or -1 if there is none
     */
    static int firstCharacter(byte[] head) {
        String text = new String(head, charsetOf(head));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\uFEFF' && !Character.isWhitespace(c)) {
                return c;
            }
        }
        return -1;
    }

    private static Charset charsetOf(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8;
    }

    private static Detection json(ReportSource head) {
        String[] formatAndVersion = new String[2];
        try (JsonCursor cursor = JsonCursor.open(head)) {
            cursor.firstToken();
            cursor.forEachField(name -> {
                boolean wanted = name.equals("bomFormat") || name.equals("specVersion");
                if (wanted && cursor.currentToken() == JsonToken.VALUE_STRING) {
                    formatAndVersion[name.equals("bomFormat") ? 0 : 1] = cursor.text();
                } else {
                    cursor.skip();
                }
            });
        } catch (ReportParseException endOfHead) {
            // The head ends inside the document: decide on what was seen.
        }
        if ("CycloneDX".equals(formatAndVersion[0])) {
            return Detection.certain(JsonBomReader.FORMAT, formatAndVersion[1], "\"bomFormat\": \"CycloneDX\"");
        }
        return Detection.none(JsonBomReader.FORMAT, "a JSON object without \"bomFormat\": \"CycloneDX\"");
    }

    private static Detection xml(ReportSource head, byte[] bytes) {
        try (XmlCursor cursor = XmlCursor.open(head)) {
            QName root = cursor.root();
            Optional<String> version = CycloneDxSpec.versionOfNamespace(root.getNamespaceURI());
            if (root.getLocalPart().equals("bom") && version.isPresent()) {
                return Detection.certain(XmlBomReader.FORMAT, version.get(), "root element " + root);
            }
            return Detection.none(XmlBomReader.FORMAT, "XML whose root element is " + root + ", not a CycloneDX bom");
        } catch (ReportParseException unreadable) {
            if (new String(bytes, charsetOf(bytes)).contains(CycloneDxSpec.NAMESPACE_PREFIX)) {
                return Detection.of(
                        BROKEN_XML_WITH_NAMESPACE,
                        XmlBomReader.FORMAT,
                        "XML that names the CycloneDX namespace but cannot be read: " + unreadable.problem());
            }
            return Detection.none(XmlBomReader.FORMAT, "XML that cannot be read: " + unreadable.problem());
        }
    }
}
