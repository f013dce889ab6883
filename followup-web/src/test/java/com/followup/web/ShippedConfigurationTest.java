package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.db.EmbeddedDatabaseFactory;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration file the project ships under {@code config/}, read exactly as the server reads it (the
 * application's own bootstrap, object mapper and validator) but with an empty environment: what a new user gets
 * from the README's start command before setting any variable.
 */
class ShippedConfigurationTest {
    static Stream<Path> shippedFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("..", "config"))) {
            files = listing.filter(file ->
                            file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("shippedFiles")
    void readsAndValidatesWithAnEmptyEnvironment(Path file) throws Exception {
        FollowupConfiguration configuration = read(file);

        assertThat(EmbeddedDatabaseFactory.wantsEmbedded(
                        configuration.getDatabase().getUrl()))
                .as("no URL means the zero-setup database")
                .isTrue();
        assertThat(configuration.getEmbeddedDatabase().isDurable()).isTrue();
        assertThat(configuration.getSmtp().isEnabled())
                .as("no SMTP host: mail waits")
                .isFalse();
        DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        assertThat(server.getAdminConnectors())
                .allSatisfy(connector -> assertThat(((HttpConnectorFactory) connector).getBindHost())
                        .isEqualTo("127.0.0.1"));
    }

    private static FollowupConfiguration read(Path file) throws Exception {
        FollowupServer application = new FollowupServer();
        Bootstrap<FollowupConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        return bootstrap
                .getConfigurationFactoryFactory()
                .create(
                        FollowupConfiguration.class,
                        bootstrap.getValidatorFactory().getValidator(),
                        bootstrap.getObjectMapper(),
                        "dw")
                .build(
                        new SubstitutingSourceProvider(
                                new FileConfigurationSourceProvider(), FollowupApplication.substitutor(name -> null)),
                        file.toString());
    }
}
