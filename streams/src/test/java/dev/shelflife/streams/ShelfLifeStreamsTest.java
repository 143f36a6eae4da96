package dev.shelflife.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ShelfLifeStreamsTest {

    @Test
    void processesExactlyOnceV2WhenTheFileSaysNothing() {
        Properties config = new Properties();
        config.put("application.id", "shelflife");
        config.put("shelflife.partitions", "12");

        Properties kafka = ShelfLifeStreams.kafkaProperties(config);

        assertThat(kafka.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(kafka.getProperty("application.id")).isEqualTo("shelflife");
        assertThat(kafka.stringPropertyNames()).noneMatch(key -> key.startsWith(StreamsSettings.PREFIX));
    }

    @Test
    void keepsTheGuaranteeTheFileGives() {
        Properties config = new Properties();
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);

        assertThat(ShelfLifeStreams.kafkaProperties(config).getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    }
}
