/**
 * Where does a base image tag point now? {@link dev.shelflife.registry.BaseImageResolver} answers
 * with the digest a tag such as {@code python:3.12-slim} resolves to, so a policy can tell that the
 * base an image was built from has moved on.
 *
 * <p>Two resolvers ship here: {@link dev.shelflife.registry.OciRegistryResolver} asks a registry
 * over the OCI Distribution API with the JDK's {@link java.net.http.HttpClient} (bearer-token
 * challenges, basic credentials, timeouts, bounded responses), and
 * {@link dev.shelflife.registry.OfflineBaseImageResolver} reads a file of tag → digest lines for
 * air-gapped use and tests. Failures are {@link dev.shelflife.registry.RegistryException}s whose
 * messages never carry credentials or tokens.
 *
 * @since 0.1
 */
@NullMarked
package dev.shelflife.registry;

import org.jspecify.annotations.NullMarked;
