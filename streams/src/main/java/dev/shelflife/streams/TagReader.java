package dev.shelflife.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shelflife.ImageRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads the tag observations topic: key the tag ({@code python:3.12-slim}), value a JSON object
 * {@code {"digest": "sha256:…", "observedAt": "2026-11-20T04:00:00Z", "observedBy": "registry-webhook"}}
 * ({@code observedAt} defaults to the record's timestamp, {@code observedBy} to {@code "kafka"}). A
 * record that is not one goes to the rejected topic with the reason.
 */
final class TagReader implements Processor<String, byte[], String, Input> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ProcessorContext<String, Input> context;

    @Override
    public void init(ProcessorContext<String, Input> processorContext) {
        this.context = processorContext;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        String source = ShelfLifeTopology.source(context);
        try {
            if (record.key() == null) {
                throw new IllegalArgumentException("a tag observation needs the tag as its key");
            }
            ImageRef tag = ImageRef.parse(record.key());
            if (tag.tag().isEmpty() || tag.digest().isPresent()) {
                throw new IllegalArgumentException("a tag observation's key is a tag without a digest, not " + tag);
            }
            JsonNode json = JSON.readTree(record.value());
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("a tag observation is a JSON object, not "
                        + new String(record.value(), StandardCharsets.UTF_8));
            }
            String digest = text(json, "digest");
            ImageRef pointed = tag.withDigest(digest);
            Instant observedAt = json.hasNonNull("observedAt")
                    ? Instant.parse(text(json, "observedAt"))
                    : Instant.ofEpochMilli(record.timestamp());
            String observedBy = json.hasNonNull("observedBy") ? text(json, "observedBy") : "kafka";
            Input.Tag observation =
                    new Input.Tag(tag.toString(), pointed.digest().orElseThrow(), observedAt, observedBy);
            context.forward(new Record<>(observation.reference(), observation, record.timestamp()));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            context.forward(new Record<>(source, new Input.Rejected(source, e.getMessage()), record.timestamp()));
        }
    }

    private static String text(JsonNode json, String key) {
        JsonNode value = json.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("a tag observation needs \"" + key + "\" as a string");
        }
        return value.asText();
    }
}
