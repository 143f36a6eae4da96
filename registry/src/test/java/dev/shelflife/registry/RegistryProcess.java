package dev.shelflife.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real registry for a test class: Debian's {@code docker-registry} (the CNCF distribution
 * server) serving a temporary directory on a free loopback port, started before the class's tests
 * and stopped after them.
 *
 * <p>Without the binary the tests are skipped with a message, unless the environment variable
 * {@code CI} is {@code true}: there they fail, because CI installs it.
 */
final class RegistryProcess implements BeforeAllCallback, AfterAllCallback {

    private static final String BINARY = "docker-registry";
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 3;

    private final Optional<String> htpasswd;
    private Path directory;
    private Process process;
    private String authority;

    private RegistryProcess(Optional<String> htpasswd) {
        this.htpasswd = htpasswd;
    }

    /** A registry anyone may push to and pull from. */
    static RegistryProcess open() {
        return new RegistryProcess(Optional.empty());
    }

    /** A registry that requires basic authentication, with users from one {@code htpasswd} line (bcrypt). */
    static RegistryProcess withBasicAuth(String htpasswdLine) {
        return new RegistryProcess(Optional.of(htpasswdLine));
    }

    /** {@code 127.0.0.1:PORT}. */
    String authority() {
        return authority;
    }

    URI base() {
        return URI.create("http://" + authority);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path binary = binary().orElseGet(RegistryProcess::missing);
        directory = Files.createTempDirectory("shelflife-registry-");
        if (htpasswd.isPresent()) {
            Files.writeString(directory.resolve("htpasswd"), htpasswd.get() + "\n");
        }
        String log = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            authority = "127.0.0.1:" + freePort();
            Path config = Files.writeString(directory.resolve("config.yml"), config());
            Path logFile = directory.resolve("registry.log");
            process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            if (awaitReady()) {
                return;
            }
            stop();
            log = Files.readString(logFile);
        }
        throw new IllegalStateException(
                BINARY + " did not start on loopback after " + ATTEMPTS + " attempts; last log:\n" + log);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
        if (directory != null) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private String config() {
        return String.join(
                "\n",
                List.of(
                        "version: 0.1",
                        "log:",
                        "  level: error",
                        "  accesslog:",
                        "    disabled: true",
                        "storage:",
                        "  filesystem:",
                        "    rootdirectory: " + directory.resolve("storage"),
                        "http:",
                        "  addr: " + authority,
                        "  secret: shelflife-test-only",
                        htpasswd.isEmpty()
                                ? ""
                                : "auth:\n  htpasswd:\n    realm: shelflife-test\n    path: "
                                        + directory.resolve("htpasswd"),
                        ""));
    }

    /** Waits for {@code /v2/} to answer: 200 when open, 401 when it asks for credentials. */
    private boolean awaitReady() throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(base().resolve("/v2/"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                int status = client.send(probe, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200 || status == 401) {
                    return true;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    private void stop() throws IOException {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "") + java.io.File.pathSeparator + "/usr/bin";
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, BINARY))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Path missing() {
        String message = "registry tests need the " + BINARY
                + " binary (apt-get install docker-registry); none on PATH or in /usr/bin";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message + ", and CI=true");
        }
        System.err.println("[shelflife] skipped: " + message);
        return Assumptions.abort(message);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
