package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalApp.Cast;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 12: while the database is away a page says so, with 503 and Retry-After, rather than a 500. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PortalOutageTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = PortalApp.app(DATABASE);

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aPageWhileTheDatabaseIsAwaySaysItIsTemporarilyUnavailable() throws Exception {
        Cast cast = Cast.create(DATABASE, APP);
        TestApi.Session cara = cast.api().login(Cast.CARA, TestApp.PASSWORD);
        assertThat(page(cara).statusCode()).isEqualTo(200);

        DATABASE.database().refuseConnections();
        try {
            HttpResponse<String> away = page(cara);
            assertThat(away.statusCode()).isEqualTo(503);
            assertThat(away.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(away.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(away.body())
                    .contains("Temporarily unavailable")
                    .contains("Try again in a few seconds")
                    .doesNotContain("Exception")
                    .doesNotContain("incident");
        } finally {
            DATABASE.database().acceptConnections();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status;
        while ((status = page(cara).statusCode()) != 200 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(status).as("the page once the database is back").isEqualTo(200);
    }

    private HttpResponse<String> page(TestApi.Session session) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(PortalApp.base(APP) + "/"))
                        .header("Cookie", session.cookie())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
