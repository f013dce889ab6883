package com.followup.api.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.followup.core.testing.PostgresDatabaseExtension;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Writes sent together run in order, in the caller's transaction, and fail together (issue 18). */
class StatementsTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = PostgresDatabaseExtension.empty();

    private Jdbi jdbi;

    @BeforeEach
    void table() {
        jdbi = Jdbi.create(DATABASE::connect);
        jdbi.useHandle(handle -> handle.execute(
                "DROP TABLE IF EXISTS notes; CREATE TABLE notes (n int PRIMARY KEY, words text NOT NULL)"));
    }

    @Test
    void partsRunInOrderWithTheirOwnParameters() {
        jdbi.useTransaction(handle -> Statements.runTogether(
                handle,
                Arrays.asList(
                        new Statements.Part(
                                "INSERT INTO notes SELECT x, 'first' FROM unnest(CAST(:firstIds AS int[])) AS x",
                                Map.of("firstIds", new int[] {1, 2})),
                        null,
                        new Statements.Part(
                                "UPDATE notes SET words = words || :suffix WHERE n = (SELECT max(n) FROM notes)",
                                Map.of("suffix", ", then changed")))));
        assertThat(words()).containsExactly("first", "first, then changed");
    }

    @Test
    void aFailingPartFailsTheCallAndItsTransactionWritesNothing() {
        assertThatThrownBy(() -> jdbi.useTransaction(handle -> Statements.runTogether(
                        handle,
                        List.of(
                                new Statements.Part("INSERT INTO notes VALUES (1, :one)", Map.of("one", "kept?")),
                                new Statements.Part(
                                        "INSERT INTO notes VALUES (1, :again)", Map.of("again", "twice"))))))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("notes_pkey");
        assertThat(words()).isEmpty();
    }

    @Test
    void twoPartsNamingTheSameParameterAreRefused() {
        assertThatThrownBy(() -> jdbi.useHandle(handle -> Statements.runTogether(
                        handle,
                        List.of(
                                new Statements.Part("INSERT INTO notes VALUES (1, :words)", Map.of("words", "a")),
                                new Statements.Part("INSERT INTO notes VALUES (2, :words)", Map.of("words", "b"))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":words");
        assertThat(words()).isEmpty();
    }

    private List<String> words() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT words FROM notes ORDER BY n")
                .mapTo(String.class)
                .list());
    }

    /** Two statements of one text, each suffixed, run together with their own values; a cast is not a parameter. */
    @Test
    void suffixedPartsOfOneTextRunTogether() {
        Statements.Part insert = new Statements.Part(
                "INSERT INTO notes VALUES (CAST(:n AS int), :words || 'x'::text)", Map.of("n", 1, "words", "a"));
        Statements.Part second = insert.suffixed("_1");
        assertThat(second.sql()).isEqualTo("INSERT INTO notes VALUES (CAST(:n_1 AS int), :words_1 || 'x'::text)");
        assertThat(second.parameters()).isEqualTo(Map.of("n_1", 1, "words_1", "a"));
        jdbi.useTransaction(handle -> Statements.runTogether(
                handle,
                List.of(
                        insert.suffixed("_0"),
                        new Statements.Part(insert.sql(), Map.of("n", 2, "words", "b")).suffixed("_1"))));
        assertThat(words()).containsExactly("ax", "bx");
    }
}
