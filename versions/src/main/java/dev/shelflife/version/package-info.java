/**
 * Versions per ecosystem: {@link dev.shelflife.version.VersionScheme} orders the versions of
 * Debian, RPM and Alpine packages, Maven artifacts, npm and Python packages, Go modules and
 * strict semantic versions as each ecosystem's own tools do, and finds the scheme of an
 * {@link dev.shelflife.InstalledPackage}; {@link dev.shelflife.version.Bump} finds the smallest
 * fixed version above the installed one and sizes the step ({@link dev.shelflife.version.BumpSize}).
 *
 * <p>Nothing here falls back to comparing versions as text: a package with no known scheme is
 * an {@link dev.shelflife.version.UnknownSchemeException} or an empty answer, and a version its
 * scheme cannot read an {@link dev.shelflife.version.InvalidVersionException}.
 *
 * @since 0.1
 */
@NullMarked
package dev.shelflife.version;

import org.jspecify.annotations.NullMarked;
