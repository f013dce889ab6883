package com.followup.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(DropwizardExtensionsSupport.class)
class ApplicationStartTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = PostgresDatabaseExtension.empty();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(DATABASE);

    @Test
    void startsMigratesAndAnswers() throws Exception {
        Response ping = APP.client()
                .target("http://localhost:" + APP.getLocalPort() + "/api/ping")
                .request()
                .get();
        assertThat(ping.getStatus()).isEqualTo(200);
        assertThat(ping.readEntity(Map.class)).containsEntry("status", "ok");

        try (Connection connection = DATABASE.connect();
                Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('users', 'sessions', 'audit_log')")) {
            tables.next();
            assertThat(tables.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void reportsTheDatabaseHealthy() {
        Response health = APP.client()
                .target("http://localhost:" + APP.getAdminPort() + "/healthcheck")
                .request()
                .get();
        assertThat(health.getStatus()).isEqualTo(200);
        assertThat(health.readEntity(String.class)).contains("\"database\"").contains(" answers");
    }
}
