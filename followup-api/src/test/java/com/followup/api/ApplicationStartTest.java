package com.followup.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.followup.api.system.ClientGone;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

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

    /**
     * A client that hangs up while answers are written (the OpenAPI document, about 290 kB, forty times, through a
     * small receive window) leaves one INFO line, not Jersey's ERROR with its stack trace.
     */
    @Test
    void aClientThatHangsUpMidAnswerIsNoError() throws Exception {
        Logger responder = (Logger) LoggerFactory.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");
        Logger clientGone = (Logger) LoggerFactory.getLogger(ClientGone.class);
        ListAppender<ILoggingEvent> errors = new ListAppender<>();
        ListAppender<ILoggingEvent> told = new ListAppender<>();
        errors.start();
        told.start();
        responder.addAppender(errors);
        clientGone.addAppender(told);
        Level level = clientGone.getLevel();
        clientGone.setLevel(Level.INFO);
        try {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(1024);
                socket.connect(new InetSocketAddress("localhost", APP.getLocalPort()));
                // Forty requests in a row on one connection: 11 MB of answers, more than the kernel's buffers take
                // (4 MB at most here), so the server is still writing one when the client goes.
                socket.getOutputStream()
                        .write("GET /api/openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\n"
                                .repeat(40)
                                .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                // The head of the answer: it is being written.
                assertThat(socket.getInputStream().readNBytes(12))
                        .asString(StandardCharsets.US_ASCII)
                        .isEqualTo("HTTP/1.1 200");
                // Hang up with a reset, as a closed browser tab or a stopped load generator does.
                socket.setSoLinger(true, 0);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (told.list.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(told.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .singleElement()
                    .asString()
                    .startsWith("A client closed its connection before its answer was written");
            assertThat(errors.list).isEmpty();
        } finally {
            responder.detachAppender(errors);
            clientGone.detachAppender(told);
            clientGone.setLevel(level);
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
