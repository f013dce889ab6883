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
import java.util.Map;
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

    /** Issue 17: started on another port, the server does not send people to 8080; a configured address wins. */
    @ParameterizedTest
    @MethodSource("shippedFiles")
    void theLinksAddressFollowsThePortUnlessConfigured(Path file) throws Exception {
        FollowupConfiguration onAnotherPort = read(file, Map.of("FOLLOWUP_PORT", "9090"));
        onAnotherPort
                .getNotifications()
                .defaultToPort(FollowupApplication.applicationPort(onAnotherPort.getServerFactory()));
        assertThat(onAnotherPort.getNotifications().getPortalBaseUrl()).isEqualTo("http://localhost:9090");

        FollowupConfiguration configured =
                read(file, Map.of("FOLLOWUP_PORT", "9090", "FOLLOWUP_PORTAL_URL", "https://followup.agency.test/"));
        configured.getNotifications().defaultToPort(FollowupApplication.applicationPort(configured.getServerFactory()));
        assertThat(configured.getNotifications().getPortalBaseUrl()).isEqualTo("https://followup.agency.test");
    }

    private static FollowupConfiguration read(Path file) throws Exception {
        return read(file, Map.of());
    }

    private static FollowupConfiguration read(Path file, Map<String, String> environment) throws Exception {
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
                                new FileConfigurationSourceProvider(),
                                FollowupApplication.substitutor(environment::get)),
                        file.toString());
    }
}
