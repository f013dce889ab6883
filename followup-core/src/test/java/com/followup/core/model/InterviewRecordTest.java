package com.followup.core.model;

import static com.followup.core.fixtures.InterviewRecordBuilder.DANA;
import static com.followup.core.fixtures.InterviewRecordBuilder.DEFAULT_END;
import static com.followup.core.fixtures.InterviewRecordBuilder.LEO;
import static com.followup.core.fixtures.InterviewRecordBuilder.anInterview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InterviewRecordTest {
    @Test
    @DisplayName("touches are kept in time order whatever order they were logged in")
    void touchesInTimeOrder() {
        Instant later = DEFAULT_END.plus(Duration.ofHours(5));
        Instant earlier = DEFAULT_END.plus(Duration.ofHours(3));

        InterviewRecord record = anInterview()
                .withThankYou(DANA, later)
                .withThankYou(LEO, earlier)
                .build();

        assertThat(record.touches()).extracting(Touch::sentAt).containsExactly(earlier, later);
    }

    @Test
    @DisplayName("R12: a touch to a contact the record does not know is refused")
    void unknownRecipient() {
        assertThatThrownBy(() -> anInterview()
                        .withTouchTo(
                                TouchKind.THANK_YOU,
                                Channel.EMAIL,
                                new ContactId(999),
                                "someone@acme.example",
                                DEFAULT_END,
                                Optional.empty())
                        .build())
                .hasMessageContaining("999");
    }

    @Test
    @DisplayName("an interview ends after it starts and has interviewers, each once")
    void interviewChecks() {
        InterviewRecord record = anInterview().build();
        Interview interview = record.interview();

        assertThatThrownBy(() -> interview.withTimes(DEFAULT_END, DEFAULT_END.minusSeconds(1)))
                .hasMessageContaining("is not after start");
        assertThatThrownBy(() -> interview.withInterviewers(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> interview.withInterviewers(List.of(DANA, DANA)))
                .hasMessageContaining("twice");
    }

    @Test
    @DisplayName("R13: a Facebook friend request must go through Facebook")
    void touchKindMatchesChannel() {
        assertThatThrownBy(() -> new Touch(
                        new TouchId(1),
                        TouchKind.FACEBOOK_FRIEND_REQUEST,
                        Channel.EMAIL,
                        DANA,
                        "x",
                        DEFAULT_END,
                        Optional.empty(),
                        Optional.empty()))
                .hasMessageContaining("Facebook");
    }

    @Test
    @DisplayName("R6: only an update names a new decision date")
    void onlyUpdatesNameDates() {
        assertThatThrownBy(() -> new Reply(
                        new ReplyId(1),
                        DANA,
                        DEFAULT_END,
                        ReplyKind.ACKNOWLEDGEMENT,
                        Optional.of(LocalDate.parse("2026-06-01"))))
                .hasMessageContaining("update");
    }

    @Test
    @DisplayName("R12: free-mail domains, same e-mail, same phone, same profile")
    void addressComparisons() {
        assertThat(EmailAddresses.isOnFreeMailDomain("x@GMail.com", EmailAddresses.COMMON_FREE_MAIL_DOMAINS))
                .isTrue();
        assertThat(EmailAddresses.isOnFreeMailDomain("x@acme.example", EmailAddresses.COMMON_FREE_MAIL_DOMAINS))
                .isFalse();
        assertThat(EmailAddresses.samePhone("+49 30 1234-5670", "+49 (30) 12345670"))
                .isTrue();
        assertThat(EmailAddresses.samePhone("+49 30 1234-5670", "+49 30 1234-567"))
                .isFalse();
        assertThat(EmailAddresses.samePhone("n/a", "none")).isFalse();
        assertThat(EmailAddresses.sameProfileLink("https://www.linkedin.com/in/x/", "linkedin.com/in/X"))
                .isTrue();
    }
}
