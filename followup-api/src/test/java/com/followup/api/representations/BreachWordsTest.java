package com.followup.api.representations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The words of a breach, shared by the API and the portal (issue 16). */
class BreachWordsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void theEnginesMomentsAreWrittenAsThePagesWriteThemInTheReadersZone() {
        String engine = "The earliest moment was Monday 2026-12-07 09:00 (Europe/Berlin).";

        assertThat(BreachWords.reword(engine, BERLIN)).isEqualTo("The earliest moment was Mon 7 Dec 2026, 09:00.");
        assertThat(BreachWords.reword(engine, NEW_YORK)).isEqualTo("The earliest moment was Mon 7 Dec 2026, 03:00.");
        String tagged = BreachWords.rewordWithZone(engine, BERLIN);
        assertThat(tagged).isEqualTo("The earliest moment was Mon 7 Dec 2026, 09:00 (Europe/Berlin).");
        assertThat(BreachWords.reword(tagged, NEW_YORK))
                .as("a moment the API already worded is worded again for the portal's viewer")
                .isEqualTo("The earliest moment was Mon 7 Dec 2026, 03:00.");
        assertThat(BreachWords.reword("No moment here (R6).", BERLIN)).isEqualTo("No moment here (R6).");
    }

    @Test
    void aStepSaysWhatItsTouchBrokeAndNothingWhenItBrokeNothing() {
        assertThat(BreachWords.stepOutcome(List.of("R6"))).contains("sent too early (R6)");
        assertThat(BreachWords.stepOutcome(List.of("R12", "R10")))
                .contains("sent to a personal address (R12) and sent by the wrong channel (R10)");
        assertThat(BreachWords.stepOutcome(List.of())).isEmpty();
    }

    @Test
    void aWarningIsOneLineEndingWithItsRuleId() {
        Instant opens = Instant.parse("2026-12-07T08:00:00Z");
        Instant due = Instant.parse("2026-12-02T15:00:00Z");

        assertThat(BreachWords.warning("R6", Optional.of(opens), Optional.empty(), "ignored", BERLIN))
                .isEqualTo("Too early: not before Mon 7 Dec 2026, 09:00 (R6)");
        assertThat(BreachWords.warning("R1", Optional.empty(), Optional.of(due), "ignored", BERLIN))
                .isEqualTo("Late: it was due by Wed 2 Dec 2026, 16:00 (R1)");
        assertThat(BreachWords.warning("R13", Optional.empty(), Optional.empty(), "A gift was sent to Wanda.", BERLIN))
                .isEqualTo("Forbidden: A gift was sent to Wanda (R13)");
    }
}
