package com.followup.api.notifications;

import com.followup.core.rules.Plan;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepKind;
import java.util.List;

/**
 * Which steps of a plan are offered to the candidate as something to do: the one rule the reminders and the calendar
 * feed share (follow-up rules, "Outcome"). A step that is done, missed or not needed (an offer or a rejection ends the
 * status checks) is never offered, and a thread's closing is Followup's own step.
 */
public final class StepsToDo {
    private StepsToDo() {}

    /** Whether the step is still to do: not yet open, open, due soon, or overdue (a late debrief still helps). */
    public static boolean offered(Step step) {
        if (step.kind() == StepKind.CLOSING) {
            return false;
        }
        return switch (step.state()) {
            case NOT_YET, OPEN, DUE_SOON, OVERDUE -> true;
            case DONE_ON_TIME, DONE_LATE, MISSED, NOT_NEEDED -> false;
        };
    }

    /**
     * The plan's steps still to do, with one status check at most: the next one. The plan projects the later checks
     * from the evaluated instant ("the previous one goes out now, the next one the spacing after"), so their moments
     * move with every evaluation; only the next check's moment comes from what happened (R6, R7, R9).
     */
    public static List<Step> of(Plan plan) {
        int nextStatusCheck = plan.steps().stream()
                .filter(step -> step.kind() == StepKind.STATUS_CHECK && offered(step))
                .mapToInt(Step::sequence)
                .min()
                .orElse(0);
        return plan.steps().stream()
                .filter(StepsToDo::offered)
                .filter(step -> step.kind() != StepKind.STATUS_CHECK || step.sequence() == nextStatusCheck)
                .toList();
    }
}
