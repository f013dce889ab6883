package com.followup.core.rules;

import static com.followup.core.fixtures.InterviewRecordBuilder.ACME;
import static com.followup.core.fixtures.InterviewRecordBuilder.BERLIN;
import static com.followup.core.fixtures.InterviewRecordBuilder.DANA;
import static com.followup.core.fixtures.InterviewRecordBuilder.DEFAULT_END;
import static com.followup.core.fixtures.InterviewRecordBuilder.LEO;
import static com.followup.core.fixtures.InterviewRecordBuilder.anInterview;
import static org.assertj.core.api.Assertions.assertThat;

import com.followup.core.fixtures.InterviewRecordBuilder;
import com.followup.core.model.Channel;
import com.followup.core.model.Contact;
import com.followup.core.model.ContactRole;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.TouchKind;
import com.followup.core.notes.NoteCheckSettings;
import com.followup.core.notes.Words;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.ruleset.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TouchRulesTest {
    private static final AgencyPolicy POLICY = AgencyPolicy.defaults(BERLIN);
    private static final PlanEvaluator EVALUATOR = new PlanEvaluator();
    private static final Instant EVENING = DEFAULT_END.plus(Duration.ofHours(4));
    private static final Instant NEXT_WEEK = DEFAULT_END.plus(Duration.ofDays(7));

    @Nested
    class ForbiddenTouches {
        @Test
        @DisplayName("R13: a gift is a breach, whatever else is true")
        void gift() {
            InterviewRecord record = thanked()
                    .withTouch(TouchKind.GIFT, Channel.PARCEL, DANA, EVENING)
                    .build();

            Plan plan = evaluate(record);

            assertThat(plan.breaches(RuleId.R13)).singleElement().satisfies(breach -> {
                assertThat(breach.touch()).isPresent();
                assertThat(breach.at()).isEqualTo(EVENING);
                assertThat(breach.explanation()).contains("gift");
            });
        }

        @Test
        @DisplayName("R13: a Facebook friend request is a breach (once, not also R12)")
        void facebookFriendRequest() {
            InterviewRecord record = thanked()
                    .withTouch(TouchKind.FACEBOOK_FRIEND_REQUEST, Channel.FACEBOOK, LEO, EVENING)
                    .build();

            Plan plan = evaluate(record);

            assertThat(plan.breaches()).singleElement().satisfies(breach -> assertThat(breach.rule())
                    .isEqualTo(RuleId.R13));
        }

        @Test
        @DisplayName("R13: a LinkedIn connection request is allowed")
        void linkedInConnection() {
            InterviewRecord record = thanked()
                    .withTouch(TouchKind.LINKEDIN_CONNECTION, Channel.LINKEDIN, DANA, EVENING)
                    .withTouch(TouchKind.LINKEDIN_CONNECTION, Channel.LINKEDIN, LEO, EVENING)
                    .build();

            assertThat(evaluate(record).breaches()).isEmpty();
        }
    }

    @Nested
    class BusinessChannels {
        @Test
        @DisplayName("R12: a note to a personal free-mail address is a breach caused by that touch")
        void personalAddress() {
            InterviewRecord record = anInterview()
                    .withThankYou(LEO, EVENING)
                    .withTouchTo(
                            TouchKind.THANK_YOU,
                            Channel.EMAIL,
                            DANA,
                            "dana.whitfield1985@gmail.com",
                            EVENING,
                            Optional.empty())
                    .build();

            Plan plan = evaluate(record);

            assertThat(plan.breaches(RuleId.R12)).singleElement().satisfies(breach -> {
                assertThat(breach.touch())
                        .isEqualTo(plan.thankYouStep(DANA).orElseThrow().doneBy());
                assertThat(breach.explanation()).contains("dana.whitfield1985@gmail.com", "Dana Whitfield");
            });
        }

        @Test
        @DisplayName("R12: the recorded business address matches regardless of case and blanks")
        void businessAddressMatches() {
            InterviewRecord record = anInterview()
                    .withThankYou(LEO, EVENING)
                    .withTouchTo(
                            TouchKind.THANK_YOU,
                            Channel.EMAIL,
                            DANA,
                            " Dana.Whitfield@ACME.example ",
                            EVENING,
                            Optional.empty())
                    .build();

            assertThat(evaluate(record).breaches()).isEmpty();
        }

        @Test
        @DisplayName("R12: a call to a number that is not the business one is a breach; the business one is fine")
        void personalMobile() {
            Instant later = DEFAULT_END.plus(Duration.ofDays(16));
            InterviewRecord personal = thanked()
                    .withTouchTo(
                            TouchKind.EXTRA_INFORMATION,
                            Channel.PHONE,
                            DANA,
                            "+49 170 9999 888",
                            later,
                            Optional.empty())
                    .build();
            InterviewRecord business = thanked()
                    .withTouchTo(
                            TouchKind.EXTRA_INFORMATION,
                            Channel.PHONE,
                            DANA,
                            "+49 (30) 1234-5670",
                            later,
                            Optional.empty())
                    .build();

            assertThat(EVALUATOR.evaluate(personal, POLICY, later).breaches(RuleId.R12))
                    .hasSize(1);
            assertThat(EVALUATOR.evaluate(business, POLICY, later).breaches(RuleId.R12))
                    .isEmpty();
        }

        @Test
        @DisplayName("R12: a call to a contact with no recorded number is a breach")
        void noRecordedNumber() {
            InterviewRecord record = thanked()
                    .withTouch(TouchKind.EXTRA_INFORMATION, Channel.PHONE, LEO, EVENING)
                    .build();

            assertThat(evaluate(record).breaches(RuleId.R12)).hasSize(1);
        }

        @Test
        @DisplayName("R12: a contact recorded with a free-mail address gets advice at entry, not a breach")
        void freeMailContactAtEntry() {
            Contact withGmail = new Contact(
                    LEO,
                    ACME,
                    "Leo Brandt",
                    "Senior Engineer",
                    ContactRole.INTERVIEWER,
                    Optional.of("leo.brandt@gmail.com"),
                    Optional.empty(),
                    Optional.empty());
            InterviewRecord record = anInterview()
                    .withContact(withGmail)
                    .withThankYouToEveryone(EVENING)
                    .build();

            Plan plan = evaluate(record);

            assertThat(withGmail.businessEmailOnFreeMailDomain(POLICY.freeMailDomains()))
                    .isTrue();
            assertThat(plan.advice(AdviceKind.FREE_MAIL_CONTACT))
                    .singleElement()
                    .satisfies(advice -> {
                        assertThat(advice.contact()).contains(LEO);
                        assertThat(advice.rule()).isEqualTo(RuleId.R12);
                    });
            // The note went to the recorded address, which is what R12 checks.
            assertThat(plan.breaches()).isEmpty();
        }

        @Test
        @DisplayName("R12: a LinkedIn message to the recorded profile is fine, to another profile it is a breach")
        void linkedInProfile() {
            InterviewRecord recorded = thanked()
                    .withTouchTo(
                            TouchKind.EXTRA_INFORMATION,
                            Channel.LINKEDIN,
                            DANA,
                            "linkedin.com/in/dana-whitfield/",
                            EVENING,
                            Optional.empty())
                    .build();
            InterviewRecord other = thanked()
                    .withTouchTo(
                            TouchKind.EXTRA_INFORMATION,
                            Channel.LINKEDIN,
                            DANA,
                            "https://www.linkedin.com/in/dana-w-private",
                            EVENING,
                            Optional.empty())
                    .build();

            assertThat(evaluate(recorded).breaches()).isEmpty();
            assertThat(evaluate(other).breaches(RuleId.R12)).hasSize(1);
        }
    }

    @Nested
    class NoteLength {
        @Test
        @DisplayName("R15: a logged note over 200 words is a breach; over 150 only advice; counted with Words.count")
        void lengthThresholds() {
            InterviewRecord longNote = anInterview()
                    .withThankYou(LEO, EVENING)
                    .withThankYouText(DANA, EVENING, words(201))
                    .build();
            InterviewRecord atTheLimit = anInterview()
                    .withThankYou(LEO, EVENING)
                    .withThankYouText(DANA, EVENING, words(200))
                    .build();
            InterviewRecord short150 = anInterview()
                    .withThankYou(LEO, EVENING)
                    .withThankYouText(DANA, EVENING, words(150))
                    .build();

            assertThat(evaluate(longNote).breaches(RuleId.R15))
                    .singleElement()
                    .satisfies(breach -> assertThat(breach.explanation()).contains("201 words"));
            assertThat(evaluate(atTheLimit).breaches(RuleId.R15)).isEmpty();
            assertThat(evaluate(atTheLimit).advice(AdviceKind.LONG_NOTE)).hasSize(1);
            assertThat(evaluate(short150).advice(AdviceKind.LONG_NOTE)).isEmpty();
        }

        @Test
        @DisplayName("R15: the agency's own thresholds apply")
        void agencyThresholds() {
            InterviewRecord record = anInterview()
                    .withThankYou(LEO, EVENING)
                    .withThankYouText(DANA, EVENING, words(120))
                    .build();
            AgencyPolicy strict = POLICY.withNoteChecks(new NoteCheckSettings(80, 100, 0.8));

            assertThat(EVALUATOR.evaluate(record, strict, NEXT_WEEK).breaches(RuleId.R15))
                    .hasSize(1);
        }

        @Test
        @DisplayName("R15: non-ASCII text is counted exactly, not estimated")
        void nonAsciiText() {
            String text = ("Grüße und vielen Dank für das Gespräch über die Plattform. ").repeat(25);
            InterviewRecord record = anInterview()
                    .withThankYou(LEO, EVENING)
                    .withThankYouText(DANA, EVENING, text)
                    .build();

            assertThat(evaluate(record).breaches(RuleId.R15))
                    .singleElement()
                    .satisfies(breach -> assertThat(breach.explanation()).contains(Words.count(text) + " words"));
        }

        @Test
        @DisplayName("R14 R16 R17: note quality findings (content, copies, text-speak) are never plan breaches")
        void noteQualityIsNotCompliance() {
            String generic = "thx u 4 ur time, pls let me know";
            InterviewRecord record = anInterview()
                    .withThankYouText(DANA, EVENING, generic)
                    .withThankYouText(LEO, EVENING, generic)
                    .build();

            Plan plan = evaluate(record);

            assertThat(plan.breaches()).isEmpty();
            assertThat(plan.advice()).extracting(Advice::rule).doesNotContain(RuleId.R14, RuleId.R16, RuleId.R17);
        }
    }

    private static InterviewRecordBuilder thanked() {
        return anInterview().withThankYouToEveryone(EVENING);
    }

    private static Plan evaluate(InterviewRecord record) {
        return EVALUATOR.evaluate(record, POLICY, NEXT_WEEK);
    }

    private static String words(int count) {
        StringBuilder text = new StringBuilder("Thank");
        for (int index = 1; index < count; index++) {
            text.append(index % 12 == 0 ? ". Again" : " word");
        }
        return text.append('.').toString();
    }
}
