package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.followup.api.threads.ThreadBodies;
import com.followup.core.model.Channel;
import com.followup.core.model.TouchKind;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The polish of issue 16: how a touch and the thank-you coverage read. */
class PlanLinesTest {
    private static ThreadBodies.TouchView touch(TouchKind kind, Channel channel) {
        return new ThreadBodies.TouchView(
                1,
                2,
                kind,
                channel,
                3,
                "",
                OffsetDateTime.parse("2026-12-01T10:00:00+01:00"),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                JsonNodeFactory.instance.arrayNode(),
                1,
                Optional.empty());
    }

    @Test
    void aTouchReadsAsASentenceWithNamesSpelledRight() {
        Map<Long, String> names = Map.of(3L, "Wanda Wingtip");

        assertThat(PlanLines.what(touch(TouchKind.LINKEDIN_CONNECTION, Channel.LINKEDIN), names))
                .isEqualTo("LinkedIn connection request to Wanda Wingtip");
        assertThat(PlanLines.what(touch(TouchKind.STATUS_CHECK, Channel.EMAIL), names))
                .isEqualTo("Status check by email to Wanda Wingtip");
        assertThat(PlanLines.what(touch(TouchKind.THANK_YOU, Channel.HANDWRITTEN_CARD_BY_HAND), names))
                .isEqualTo("Thank you by handwritten card by hand to Wanda Wingtip");
        assertThat(Texts.label(Channel.LINKEDIN)).isEqualTo("LinkedIn");
    }

    @Test
    void theThankYouCoverageReadsNaturally() {
        assertThat(InterviewPages.coverage(1, 1)).isEqualTo("Your interviewer is thanked");
        assertThat(InterviewPages.coverage(0, 1)).isEqualTo("Your interviewer is not thanked yet");
        assertThat(InterviewPages.coverage(3, 3)).isEqualTo("All 3 interviewers thanked");
        assertThat(InterviewPages.coverage(1, 3)).isEqualTo("1 of 3 interviewers thanked");
    }
}
