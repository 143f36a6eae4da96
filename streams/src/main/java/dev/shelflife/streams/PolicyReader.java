package dev.shelflife.streams;

import dev.shelflife.policy.Policies;
import dev.shelflife.policy.PolicyException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads the policy topic, a compacted topic whose one key holds the policy as YAML or JSON (the
 * files {@code shelflife evaluate --policy} reads): checks it as the command line does, and hands
 * it on; a tombstone goes back to the built-in default policy. A policy that does not parse is
 * rejected, with every problem located, and the policy in force stays.
 */
final class PolicyReader implements Processor<String, byte[], String, Input> {

    private final String key;
    private ProcessorContext<String, Input> context;

    PolicyReader(String key) {
        this.key = key;
    }

    @Override
    public void init(ProcessorContext<String, Input> processorContext) {
        this.context = processorContext;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (!key.equals(record.key())) {
            return;
        }
        String source = ShelfLifeTopology.source(context);
        if (record.value() == null) {
            context.forward(new Record<>(key, new Input.PolicyDocument(Optional.empty()), record.timestamp()));
            return;
        }
        try {
            Policies.parse(source, new String(record.value(), StandardCharsets.UTF_8));
            context.forward(
                    new Record<>(key, new Input.PolicyDocument(Optional.of(record.value())), record.timestamp()));
        } catch (PolicyException | IllegalArgumentException e) {
            context.forward(new Record<>(source, new Input.Rejected(source, e.getMessage()), record.timestamp()));
        }
    }
}
