package com.followup.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 5545 3.1 folding counts octets and never cuts a UTF-8 sequence. */
class IcsTextTest {
    @Test
    void aLineOf75OctetsStaysWholeAndOneOf76Folds() {
        String exact = "SUMMARY:" + "x".repeat(75 - 8);
        assertThat(IcsText.fold(exact + "\r\n")).isEqualTo(exact + "\r\n");
        assertThat(IcsText.fold(exact + "y\r\n")).isEqualTo(exact + "\r\n y\r\n");
    }

    @Test
    void multiByteCharactersAreNeverSplitAndCountAsTheirOctets() {
        // "ü" is two octets, "€" three, "😀" four: 8 + 22 * 3 = 74, so the next "😀" does not fit on the first line.
        String line = "SUMMARY:" + "€".repeat(22) + "😀" + "ü".repeat(40);
        String folded = IcsText.fold(line + "\r\n");
        String[] physical = folded.split("\r\n");
        for (String part : physical) {
            assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(physical[0]).isEqualTo("SUMMARY:" + "€".repeat(22));
        assertThat(physical[1]).startsWith(" 😀ü");
        // Unfolding gives back the line.
        assertThat(folded.replace("\r\n ", "")).isEqualTo(line + "\r\n");
    }
}
