package com.followup.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.ResourceHelpers;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The pool settings config/followup.yml ships are the ones the code falls back to when a configuration omits them. */
class PoolDefaultsTest {
    private static final String SHIPPED = "../config/followup.yml";

    private final ObjectMapper yaml = Jackson.newObjectMapper(new YAMLFactory());

    @Test
    void theShippedFileAndTheCodeAgreeOnHowConnectionsAreChecked() throws Exception {
        DataSourceFactory shipped = database(SHIPPED);
        // followup-test.yml says nothing about checking connections: it gets the defaults in code.
        DataSourceFactory omitted = database(ResourceHelpers.resourceFilePath("followup-test.yml"));
        DataSourceFactory code = new FollowupConfiguration().getDatabase();

        for (DataSourceFactory pool : new DataSourceFactory[] {shipped, omitted, code}) {
            assertThat(pool.getCheckConnectionOnBorrow()).isTrue();
            assertThat(pool.getValidationQuery())
                    .as("checked with JDBC's isValid")
                    .isEmpty();
            assertThat(pool.getValidationInterval().toMilliseconds()).isEqualTo(1000);
            assertThat(pool.getValidationQueryTimeout().orElseThrow().toSeconds())
                    .isEqualTo(2);
        }
    }

    /** The {@code database} section of a configuration file, read the way the server reads it. */
    private DataSourceFactory database(String path) throws Exception {
        SubstitutingSourceProvider files = new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false));
        try (InputStream in = files.open(path)) {
            JsonNode database = yaml.readTree(in).get("database");
            FollowupConfiguration configuration = new FollowupConfiguration();
            JsonNode section = yaml.createObjectNode().set("database", database);
            yaml.readerForUpdating(configuration).readValue(section);
            return configuration.getDatabase();
        }
    }
}
