package dev.shelflife.version;

import dev.shelflife.InstalledPackage;
import dev.shelflife.ShelfLifeException;

/**
 * No version scheme is known for a name or a package, so its versions cannot be ordered.
 *
 * <p>This is the explicit answer where another tool would compare the versions as text: a gem, a
 * NuGet package or a binary found by its file name has no scheme here, and a caller that needs an
 * order must say what to do instead.
 *
 * @since 0.1
 */
public class UnknownSchemeException extends ShelfLifeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message.
     *
     * @param message what has no scheme
     */
    public UnknownSchemeException(String message) {
        super(message);
    }

    /** No scheme for a package: names what the package said about its ecosystem. */
    static UnknownSchemeException forPackage(InstalledPackage pkg) {
        String purl =
                pkg.purl().map(p -> "purl " + InvalidVersionException.quoted(p)).orElse("no purl");
        String type =
                pkg.type().map(t -> "type " + InvalidVersionException.quoted(t)).orElse("no type");
        return new UnknownSchemeException("no version scheme for package " + InvalidVersionException.quoted(pkg.name())
                + " (" + purl + ", " + type + "): its versions cannot be ordered");
    }
}
