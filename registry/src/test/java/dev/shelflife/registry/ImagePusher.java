package dev.shelflife.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Pushes images to a registry over the distribution HTTP API, the way {@code docker push} does:
 * blobs through {@code POST}/{@code PUT /v2/<name>/blobs/uploads/}, then the manifest with
 * {@code PUT /v2/<name>/manifests/<tag>}.
 */
final class ImagePusher {

    /** A manifest (or index) in the registry. */
    record Pushed(String digest, String mediaType, int size) {}

    /** The two manifest flavours an image can be pushed in. */
    enum Format {
        OCI(
                OciRegistryResolver.OCI_MANIFEST,
                "application/vnd.oci.image.config.v1+json",
                "application/vnd.oci.image.layer.v1.tar"),
        DOCKER(
                OciRegistryResolver.DOCKER_MANIFEST,
                "application/vnd.docker.container.image.v1+json",
                "application/vnd.docker.image.rootfs.diff.tar.gzip");

        final String manifestType;
        final String configType;
        final String layerType;

        Format(String manifestType, String configType, String layerType) {
            this.manifestType = manifestType;
            this.configType = configType;
            this.layerType = layerType;
        }
    }

    private static final List<String> ARCHITECTURES = List.of("amd64", "arm64", "s390x");

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI base;
    private final Optional<Credentials> credentials;

    ImagePusher(URI base, Optional<Credentials> credentials) {
        this.base = base;
        this.credentials = credentials;
    }

    /** Pushes a one-layer image whose layer holds {@code layerContent}, and tags it. */
    Pushed pushImage(String repository, String tag, Format format, String layerContent)
            throws IOException, InterruptedException {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = layerContent.getBytes(StandardCharsets.UTF_8);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + format.manifestType + "\","
                + "\"config\":" + descriptor(format.configType, pushBlob(repository, config), config.length) + ","
                + "\"layers\":[" + descriptor(format.layerType, pushBlob(repository, layer), layer.length) + "]}";
        return pushManifest(repository, tag, format.manifestType, manifest);
    }

    /** Pushes an index (or manifest list) of manifests already in the repository, one per platform, and tags it. */
    Pushed pushIndex(String repository, String tag, String mediaType, Pushed... manifests)
            throws IOException, InterruptedException {
        String entries = IntStream.range(0, manifests.length)
                .mapToObj(
                        i -> "{\"mediaType\":\"" + manifests[i].mediaType() + "\",\"digest\":\"" + manifests[i].digest()
                                + "\",\"size\":" + manifests[i].size()
                                + ",\"platform\":{\"architecture\":\"" + ARCHITECTURES.get(i) + "\",\"os\":\"linux\"}}")
                .collect(Collectors.joining(","));
        return pushManifest(
                repository,
                tag,
                mediaType,
                "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":[" + entries + "]}");
    }

    private String pushBlob(String repository, byte[] content) throws IOException, InterruptedException {
        String digest = sha256(content);
        HttpResponse<String> started =
                send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).as("start upload: %s", started.body()).isEqualTo(202);
        URI upload = base.resolve(started.headers().firstValue("Location").orElseThrow());
        String separator = upload.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> finished = send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        assertThat(finished.statusCode())
                .as("finish upload: %s", finished.body())
                .isEqualTo(201);
        return digest;
    }

    private Pushed pushManifest(String repository, String tag, String mediaType, String manifest)
            throws IOException, InterruptedException {
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + tag))
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(response.statusCode())
                .as("push manifest: %s", response.body())
                .isEqualTo(201);
        assertThat(response.headers().firstValue("Docker-Content-Digest")).contains(sha256(bytes));
        return new Pushed(sha256(bytes), mediaType, bytes.length);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        credentials.ifPresent(c -> request.header("Authorization", c.basicAuthorization()));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String descriptor(String mediaType, String digest, int size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
