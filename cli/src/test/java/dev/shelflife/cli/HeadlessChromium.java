package dev.shelflife.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real headless Chromium, driven through the Chrome DevTools protocol over the JDK's WebSocket
 * client: it opens a page, collects every exception, console error and log error the page causes,
 * evaluates JavaScript to read the rendered DOM, and takes screenshots.
 *
 * <p>Chromium is Debian's {@code chromium} package ({@code apt-get install chromium}; {@code
 * .ci/run} installs it), found at {@code /usr/bin/chromium}, another path given by the system
 * property {@code shelflife.chromium}, or on the {@code PATH}. A test that needs it and does not
 * find it is skipped with {@link #require()}, which says so on standard error too.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /**
     * The Chromium binary, if this machine has one.
     *
     * @return its path
     */
    static Optional<Path> find() {
        String configured = System.getProperty("shelflife.chromium", "");
        Stream<Path> candidates = Stream.concat(
                Stream.of(configured.isEmpty() ? "/usr/bin/chromium" : configured)
                        .map(Path::of),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                        .filter(dir -> !dir.isEmpty())
                        .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome")
                                .map(name -> Path.of(dir, name))));
        return candidates.filter(Files::isExecutable).findFirst();
    }

    /**
     * The Chromium binary, or else the test is skipped, loudly.
     *
     * @return its path
     */
    static Path require() {
        Optional<Path> binary = find();
        if (binary.isEmpty()) {
            System.err.println("SKIPPED: no headless Chromium on this machine (looked for /usr/bin/chromium and"
                    + " chromium on the PATH); install it with 'apt-get install chromium' (.ci/run does)");
        }
        assumeTrue(binary.isPresent(), "needs Chromium: apt-get install chromium");
        return binary.get();
    }

    /**
     * Starts Chromium headless with a fresh profile, and connects to its first page.
     *
     * @param binary the Chromium binary
     * @param profile an empty folder for its profile and its log
     * @return the browser
     */
    static HeadlessChromium start(Path binary, Path profile) throws IOException, InterruptedException {
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        // Chromium's own temporary files (its singleton socket) go beside the profile, not in /tmp.
        Path tmp = Files.createDirectories(profile.resolveSibling(profile.getFileName() + ".tmp"));
        ProcessBuilder builder = new ProcessBuilder(
                        binary.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-port=0",
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TMPDIR", tmp.toString());
        Process process = builder.start();
        try {
            Path activePort = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!Files.exists(activePort) || Files.readAllLines(activePort).size() < 2) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("Chromium did not start (" + (process.isAlive() ? "timeout" : "exited")
                            + "): " + Files.readString(log, StandardCharsets.UTF_8));
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(activePort).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            String page = null;
            for (JsonNode target : targets) {
                if (target.path("type").asText().equals("page")) {
                    page = target.get("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (page == null) {
                page = JSON.readTree(http.send(
                                        HttpRequest.newBuilder(URI.create(
                                                        "http://127.0.0.1:" + port + "/json/new?about:blank"))
                                                .PUT(HttpRequest.BodyPublishers.noBody())
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body())
                        .get("webSocketDebuggerUrl")
                        .asText();
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(page), listener)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, socket);
            listener.chromium = chromium;
            chromium.send("Runtime.enable", JSON.createObjectNode());
            chromium.send("Log.enable", JSON.createObjectNode());
            chromium.send("Page.enable", JSON.createObjectNode());
            return chromium;
        } catch (IOException | InterruptedException | RuntimeException | ExecutionException | TimeoutException e) {
            stop(process);
            throw e instanceof IOException io ? io : new IOException("cannot drive Chromium: " + e, e);
        }
    }

    /**
     * Opens a file in the page at a window size, and waits until it has loaded.
     *
     * @param file the file
     * @param width the window's width in CSS pixels
     * @param height the window's height
     */
    void open(Path file, int width, int height) throws IOException {
        ObjectNode metrics = JSON.createObjectNode();
        metrics.put("width", width);
        metrics.put("height", height);
        metrics.put("deviceScaleFactor", 1);
        metrics.put("mobile", false);
        send("Emulation.setDeviceMetricsOverride", metrics);
        int seen = events.size();
        ObjectNode navigate = JSON.createObjectNode();
        navigate.put("url", file.toUri().toString());
        JsonNode result = send("Page.navigate", navigate);
        if (result.has("errorText")) {
            throw new IOException(
                    "cannot open " + file + ": " + result.get("errorText").asText());
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (events.subList(seen, events.size()).stream()
                .noneMatch(e -> e.path("method").asText().equals("Page.loadEventFired"))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the page did not load in " + TIMEOUT);
            }
            sleep();
        }
    }

    /**
     * Evaluates JavaScript in the page and returns its value, as JSON.
     *
     * @param expression the expression
     * @return its value
     * @throws IOException if it threw
     */
    JsonNode evaluate(String expression) throws IOException {
        ObjectNode params = JSON.createObjectNode();
        params.put("expression", expression);
        params.put("returnByValue", true);
        params.put("awaitPromise", true);
        JsonNode result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IOException("the expression threw: " + result.get("exceptionDetails"));
        }
        return result.at("/result/value");
    }

    /**
     * A screenshot of the whole page, beyond the window's height.
     *
     * @param png where to write it
     */
    void screenshot(Path png) throws IOException {
        JsonNode layout = send("Page.getLayoutMetrics", JSON.createObjectNode());
        ObjectNode params = JSON.createObjectNode();
        params.put("format", "png");
        params.put("captureBeyondViewport", true);
        ObjectNode clip = params.putObject("clip");
        clip.put("x", 0);
        clip.put("y", 0);
        clip.put("width", layout.at("/cssContentSize/width").asDouble());
        clip.put("height", layout.at("/cssContentSize/height").asDouble());
        clip.put("scale", 1);
        JsonNode shot = send("Page.captureScreenshot", params);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /**
     * What went wrong in the page so far: exceptions thrown, console errors and warnings, and log
     * entries at error or warning level (a blocked request, a Content-Security-Policy violation).
     *
     * @return one line each
     */
    List<String> errors() {
        return new ArrayList<>(errors);
    }

    @Override
    public void close() {
        socket.abort();
        stop(process);
    }

    /** Ends the browser this test started, and the processes it started, by their handles. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode send(String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", params);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(message), true).join();
        try {
            JsonNode response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new IOException(method + " failed: " + response.get("error"));
            }
            return response.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(method + " got no answer: " + e, e);
        }
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            errors.add("unreadable DevTools message: " + text);
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer =
                    pending.remove(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        events.add(message);
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (List.of("error", "assert", "warning").contains(type)) {
                    errors.add("console." + type + ": " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                String level = params.at("/entry/level").asText();
                if (level.equals("error") || level.equals("warning")) {
                    errors.add("log " + level + ": " + params.at("/entry/text").asText() + " ("
                            + params.at("/entry/url").asText() + ")");
                }
            }
            default -> {}
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Joins the fragments of each message and hands it over. */
    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private volatile HeadlessChromium chromium;
        private final List<String> early = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                HeadlessChromium target = chromium;
                if (target == null) {
                    early.add(message);
                } else {
                    early.forEach(target::received);
                    early.clear();
                    target.received(message);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
