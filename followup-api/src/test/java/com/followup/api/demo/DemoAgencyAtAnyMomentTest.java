package com.followup.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.auth.PasswordHasher;
import com.followup.api.db.DatabaseMigrations;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.sql.Connection;
import java.time.Instant;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whenever someone starts the demo (a Monday morning, a Saturday night, the night clocks change), its plans show what
 * it promises. Each load is rolled back, so every moment starts from an empty database.
 */
class DemoAgencyAtAnyMomentTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = PostgresDatabaseExtension.empty();

    private static Jdbi jdbi;

    @BeforeAll
    static void migrate() throws Exception {
        try (Connection connection = DATABASE.connect()) {
            DatabaseMigrations.migrate(connection);
        }
        jdbi = Jdbi.create(DATABASE::connect);
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
    }

    static Stream<Instant> moments() {
        return Stream.of(
                // A Monday morning in London.
                Instant.parse("2026-03-16T08:05:00Z"),
                // A Friday evening in London, Friday afternoon in Los Angeles.
                Instant.parse("2026-03-20T22:40:00Z"),
                // Sunday, just after Europe's clocks went forward.
                Instant.parse("2026-03-29T01:10:00Z"),
                // The night the United States' clocks go back.
                Instant.parse("2026-11-01T06:30:00Z"),
                // Saturday noon in London.
                Instant.parse("2026-06-13T11:00:00Z"),
                // New Year's morning in New York.
                Instant.parse("2027-01-01T14:00:00Z"),
                // Just before midnight in Europe, on a Wednesday.
                Instant.parse("2026-09-16T21:59:59Z"));
    }

    @ParameterizedTest
    @MethodSource("moments")
    void showsEveryStateAndTheUsualBreaches(Instant loadedAt) {
        DemoData demo = new DemoData(new PasswordHasher());
        jdbi.useHandle(handle -> {
            handle.begin();
            try {
                assertThat(demo.loadIfEmpty(handle, loadedAt).status()).isEqualTo(DemoData.Status.LOADED);
                DemoVariety.assertShowsEverythingPromised(DemoVariety.plansAt(handle, loadedAt));
            } finally {
                handle.rollback();
            }
        });
    }
}
