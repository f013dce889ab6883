package com.followup.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.dashboard.DashboardBodies.CandidateRow;
import com.followup.api.dashboard.DashboardBodies.EndedThread;
import com.followup.api.dashboard.DashboardBodies.LatestBreach;
import com.followup.api.dashboard.DashboardBodies.NextInterview;
import com.followup.api.dashboard.DashboardBodies.NextStep;
import com.followup.api.dashboard.DashboardBodies.Priority;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThreadStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The words of a dashboard row's reason (issue 16): relative days, zones, and what a row with nothing to do says. */
class ReasonsTest {
    /** Monday 30 November 2026, 18:00 in London. */
    private static final Instant NOW = Instant.parse("2026-11-30T18:00:00Z");

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static OffsetDateTime london(String local) {
        return LocalDateTime.parse(local).atZone(LONDON).toOffsetDateTime();
    }

    private static CandidateRow row(
            Priority priority,
            int due,
            int dueSoon,
            int overdue,
            int breaches,
            Optional<NextStep> step,
            Optional<LatestBreach> breach,
            Optional<NextInterview> interview,
            List<EndedThread> ended,
            int interviews) {
        return new CandidateRow(
                7,
                "Amelia Hart",
                interviews,
                due,
                overdue,
                breaches,
                0,
                step,
                dueSoon,
                priority,
                "",
                priority == Priority.NEW_BREACHES,
                breach,
                interview,
                ended,
                Optional.empty());
    }

    private static Optional<NextStep> debriefDue(String local, StepState state) {
        return Optional.of(new NextStep(
                3, "Northwind Example", StepKind.DEBRIEF, state, Optional.of(london(local)), List.of("R20", "R4")));
    }

    @Test
    void aStepDueTomorrowSaysTomorrowAndItsTime() {
        CandidateRow amelia = row(
                Priority.DUE_SOON,
                3,
                1,
                0,
                0,
                debriefDue("2026-12-01T08:00", StepState.DUE_SOON),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                1);
        assertThat(Reasons.of(amelia, Optional.empty(), NOW))
                .isEqualTo("debrief for Northwind Example due tomorrow 08:00");
        // The portal words it in the viewer's zone: an hour later in Berlin.
        assertThat(Reasons.of(amelia, Optional.of(BERLIN), NOW))
                .isEqualTo("debrief for Northwind Example due tomorrow 09:00");
    }

    @Test
    void overdueStepsSayHowManyAndWhenTheFirstWasDue() {
        CandidateRow late = row(
                Priority.OVERDUE,
                0,
                0,
                2,
                0,
                debriefDue("2026-11-29T17:00", StepState.OVERDUE),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                1);
        assertThat(Reasons.of(late, Optional.empty(), NOW))
                .isEqualTo("2 overdue: debrief for Northwind Example was due yesterday 17:00");
        CandidateRow later = row(
                Priority.OVERDUE,
                0,
                0,
                1,
                0,
                debriefDue("2026-11-20T17:00", StepState.OVERDUE),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                1);
        assertThat(Reasons.of(later, Optional.empty(), NOW))
                .isEqualTo("1 overdue: debrief for Northwind Example was due Fri 20 Nov 17:00");
    }

    @Test
    void aRowWithNothingToDoSaysWhatThereIsInstead() {
        LatestBreach r6 = new LatestBreach(
                4,
                "Bluefield Analytics",
                "R6",
                london("2026-11-20T10:00"),
                Reasons.breach("R6", "Chloe", "Bluefield Analytics"));
        assertThat(r6.text()).isEqualTo("Chloe checked in before Bluefield Analytics's date (R6)");
        assertThat(Reasons.of(
                        row(
                                Priority.NOTHING_TO_DO,
                                0,
                                0,
                                0,
                                1,
                                Optional.empty(),
                                Optional.of(r6),
                                Optional.empty(),
                                List.of(),
                                1),
                        Optional.empty(),
                        NOW))
                .isEqualTo(r6.text());
        assertThat(Reasons.of(
                        row(
                                Priority.NOTHING_TO_DO,
                                0,
                                0,
                                0,
                                1,
                                Optional.empty(),
                                Optional.of(r6),
                                Optional.of(new NextInterview(5, "Bluefield Analytics", london("2026-12-02T10:00"))),
                                List.of(),
                                2),
                        Optional.empty(),
                        NOW))
                .isEqualTo("Interview with Bluefield Analytics Wed 2 Dec 10:00");
        assertThat(Reasons.of(
                        row(
                                Priority.NOTHING_TO_DO,
                                0,
                                0,
                                0,
                                0,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                List.of(new EndedThread(6, "Northwind Example", ThreadStatus.CLOSED_NO_RESPONSE)),
                                1),
                        Optional.empty(),
                        NOW))
                .isEqualTo("Northwind Example never answered: thread closed as no response (R8)");
        assertThat(Reasons.of(
                        row(
                                Priority.NOTHING_TO_DO,
                                0,
                                0,
                                0,
                                0,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                List.of(),
                                0),
                        Optional.empty(),
                        NOW))
                .isEqualTo("No interviews yet");
    }

    @Test
    void newBreachesNameTheLatestOne() {
        LatestBreach r13 = new LatestBreach(
                8,
                "Marlowe Health",
                "R13",
                london("2026-11-20T19:00"),
                Reasons.breach("R13", "Grace", "Marlowe Health"));
        assertThat(Reasons.of(
                        row(
                                Priority.NEW_BREACHES,
                                0,
                                0,
                                0,
                                2,
                                Optional.empty(),
                                Optional.of(r13),
                                Optional.empty(),
                                List.of(),
                                2),
                        Optional.empty(),
                        NOW))
                .isEqualTo("2 breaches, not yet marked as seen; latest: Grace sent Marlowe Health a gift or a Facebook"
                        + " request (R13)");
    }
}
