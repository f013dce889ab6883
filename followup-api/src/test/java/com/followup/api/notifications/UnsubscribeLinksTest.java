package com.followup.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.followup.api.OperatorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unsubscribe links' tokens: an HMAC of the user id under a key kept outside the database (decision 0026). */
class UnsubscribeLinksTest {
    private static final String KEY = "a-key-of-at-least-thirty-two-characters";

    @Test
    void aTokenNamesItsUserAndOnlyThatUser() {
        UnsubscribeLinks links = new UnsubscribeLinks(KEY);
        String token = links.token(42);
        assertThat(token).matches("42-[A-Za-z0-9_-]{43}");
        assertThat(links.owner(token)).contains(42L);
        assertThat(links.token(42)).isEqualTo(token);
        // Another user id in front of the same MAC, a changed MAC, another key's token, junk: nobody.
        assertThat(links.owner("43" + token.substring(2))).isEmpty();
        assertThat(links.owner(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A")))
                .isEmpty();
        assertThat(links.owner(new UnsubscribeLinks(KEY + "x").token(42))).isEmpty();
        assertThat(links.owner("")).isEmpty();
        assertThat(links.owner("99999999999999999999-" + "A".repeat(43))).isEmpty();
        assertThat(links.owner("not-a-token")).isEmpty();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new UnsubscribeLinks("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32");
    }

    @Test
    void withoutAConfiguredKeyOneIsMadeOwnerOnlyAndKeptAcrossStarts(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("data/unsubscribe-key");
        UnsubscribeLinks first = UnsubscribeLinks.of(Optional.of(""), file);
        assertThat(Files.exists(file)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).hasSize(43);
        UnsubscribeLinks second = UnsubscribeLinks.of(Optional.empty(), file);
        assertThat(second.owner(first.token(7))).contains(7L);
        // A configured key wins over the file.
        assertThat(UnsubscribeLinks.of(Optional.of(KEY), file).owner(first.token(7)))
                .isEmpty();
    }

    @Test
    void anUnusableKeyFileSaysWhatToSet(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("unsubscribe-key");
        Files.writeString(file, "short\n");
        assertThatThrownBy(() -> UnsubscribeLinks.of(Optional.empty(), file))
                .isInstanceOf(OperatorException.class)
                .hasMessageContaining("too short");
    }
}
