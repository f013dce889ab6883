package com.followup.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/** The feed goes live only on a connection that really hears notifications (not, say, behind a pooler). */
class ChangeFeedTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = PostgresDatabaseExtension.empty();

    @Test
    void aConnectionHearsItsOwnNotificationOnlyWhenItListens() throws Exception {
        DataSourceFactory database = new DataSourceFactory();
        database.setUrl(DATABASE.jdbcUrl());
        database.setUser(DATABASE.database().userName().orElse(""));
        database.setPassword(DATABASE.database().userPassword().orElse(""));
        ChangeFeed feed = new ChangeFeed(database);
        try (Connection listening = DATABASE.connect();
                Connection deaf = DATABASE.connect()) {
            try (Statement statement = listening.createStatement()) {
                statement.execute("LISTEN " + ChangeFeed.CHANNEL);
            }
            assertThat(feed.hearsItself(listening.unwrap(PGConnection.class), Duration.ofSeconds(5)))
                    .isTrue();
            assertThat(feed.hearsItself(deaf.unwrap(PGConnection.class), Duration.ofMillis(300)))
                    .isFalse();
        }
    }
}
