package com.followup.reports;

import com.followup.core.model.Contact;
import com.followup.core.model.ContactId;
import com.followup.core.model.ContactRole;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.Reply;
import com.followup.core.model.Touch;
import com.followup.core.model.TouchKind;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThankYouTiming;
import com.followup.core.rules.ThreadStatus;
import com.followup.core.ruleset.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report's figures computed a second way, in plain Java from the rules engine's plans, to check the SQL: both must
 * agree exactly on generated data (docs/reports.md defines each figure once).
 */
final class WeeklyFiguresReference {
    private WeeklyFiguresReference() {}

    /** One interview's contribution, the Java twin of the SQL's {@code facts}. */
    private record Facts(
            InterviewRecord record,
            String week,
            long thankYouSteps,
            long thankYouDue,
            long thankYouOnTime,
            long thankYouLate,
            long thankYouMissed,
            long thankYouSent,
            long thankYouIdeal,
            boolean debriefDue,
            boolean debriefOnTime,
            long statusChecks,
            long r6,
            long r7,
            long r8,
            long r10,
            long touches,
            long r12,
            long r13,
            boolean followedUp,
            Long responseSeconds,
            boolean windowCounted,
            boolean repliedWithinWindow,
            boolean ghosted) {}

    private record GroupKey(String week, Dimension dimension, long id) {}

    static List<FigureRow> compute(
            Collection<InterviewRecord> records,
            Map<Long, Set<Long>> recruitersByCandidate,
            Map<Long, String> recruiterNames,
            WeeklyParameters parameters,
            AgencyPolicy policy) {
        PlanEvaluator evaluator = new PlanEvaluator();
        Instant from = parameters.firstTrendWeek().start(parameters.zone());
        Instant to = parameters.week().end(parameters.zone());
        Instant asOf = parameters.asOf();
        String reportWeek = parameters.week().toString();
        Map<GroupKey, List<Facts>> groups = new TreeMap<>(java.util.Comparator.comparing(GroupKey::week)
                .thenComparing(key -> key.dimension().name())
                .thenComparingLong(GroupKey::id));
        Map<GroupKey, String> names = new java.util.HashMap<>();
        for (InterviewRecord record : records) {
            Instant end = record.interview().end();
            if (end.isBefore(from) || !end.isBefore(to) || end.isAfter(asOf)) {
                continue;
            }
            long candidate = record.candidate().id().value();
            Set<Long> recruiters = recruitersByCandidate.getOrDefault(candidate, Set.of());
            if (parameters.scope().recruiterId().isPresent()
                    && !recruiters.contains(parameters.scope().recruiterId().get())) {
                continue;
            }
            Facts facts = facts(record, evaluator.evaluate(record, policy, asOf), parameters, policy);
            add(groups, names, new GroupKey(facts.week(), Dimension.AGENCY, 0), parameters.agencyName(), facts);
            // Recruiters and companies have a trend too (issue 17): a row in every week they had an interview.
            for (long recruiter : recruiters) {
                if (parameters.scope().recruiterId().isEmpty()
                        || parameters.scope().recruiterId().get() == recruiter) {
                    add(
                            groups,
                            names,
                            new GroupKey(facts.week(), Dimension.RECRUITER, recruiter),
                            recruiterNames.get(recruiter),
                            facts);
                }
            }
            add(
                    groups,
                    names,
                    new GroupKey(
                            facts.week(),
                            Dimension.COMPANY,
                            record.company().id().value()),
                    record.company().name(),
                    facts);
            if (!facts.week().equals(reportWeek)) {
                continue;
            }
            add(
                    groups,
                    names,
                    new GroupKey(reportWeek, Dimension.CANDIDATE, candidate),
                    record.candidate().name(),
                    facts);
            for (ContactId interviewer : record.interview().interviewers()) {
                Contact contact = record.contact(interviewer);
                if (contact.role() == ContactRole.HIRING_MANAGER) {
                    add(
                            groups,
                            names,
                            new GroupKey(reportWeek, Dimension.HIRING_MANAGER, interviewer.value()),
                            contact.name(),
                            facts);
                }
            }
        }
        List<FigureRow> rows = new ArrayList<>();
        groups.forEach((key, members) -> rows.add(row(key, names.get(key), members)));
        return rows;
    }

    private static void add(
            Map<GroupKey, List<Facts>> groups, Map<GroupKey, String> names, GroupKey key, String name, Facts facts) {
        groups.computeIfAbsent(key, ignored -> new ArrayList<>()).add(facts);
        names.put(key, name);
    }

    private static Facts facts(InterviewRecord record, Plan plan, WeeklyParameters parameters, AgencyPolicy policy) {
        Instant asOf = parameters.asOf();
        long steps = 0;
        long due = 0;
        long onTime = 0;
        long late = 0;
        long missed = 0;
        long sent = 0;
        long ideal = 0;
        for (Step step : plan.steps(StepKind.THANK_YOU)) {
            steps++;
            if (step.doneBy().isPresent()) {
                sent++;
            }
            if (step.timing().isPresent() && step.timing().get() == ThankYouTiming.IDEAL) {
                ideal++;
            }
            switch (step.state()) {
                case DONE_ON_TIME -> {
                    due++;
                    onTime++;
                }
                case DONE_LATE -> {
                    due++;
                    late++;
                }
                case MISSED -> {
                    due++;
                    missed++;
                }
                case NOT_YET, OPEN, DUE_SOON, OVERDUE, NOT_NEEDED -> {
                    // Not due yet: neither counted for nor against R1.
                }
            }
        }
        StepState debrief = plan.steps(StepKind.DEBRIEF).get(0).state();
        boolean debriefDue =
                switch (debrief) {
                    case DONE_ON_TIME, DONE_LATE, OVERDUE -> true;
                    case NOT_YET, OPEN, DUE_SOON, MISSED, NOT_NEEDED -> false;
                };
        long statusChecks = 0;
        long touches = 0;
        Touch firstAfterEnd = null;
        for (Touch touch : record.touches()) {
            if (touch.sentAt().isAfter(asOf)) {
                break;
            }
            touches++;
            if (touch.kind() == TouchKind.STATUS_CHECK) {
                statusChecks++;
            }
            if (firstAfterEnd == null
                    && !touch.sentAt().isBefore(record.interview().end())) {
                firstAfterEnd = touch;
            }
        }
        boolean counted = !record.company().overrides().doesNotReply();
        Long responseSeconds = null;
        long window = WeeklyParameters.RESPONSE_WINDOW.toSeconds();
        boolean windowCounted = counted
                && firstAfterEnd != null
                && !firstAfterEnd.sentAt().plusSeconds(window).isAfter(asOf);
        boolean repliedInTime = false;
        if (counted && firstAfterEnd != null) {
            for (Reply reply : record.replies()) {
                if (reply.receivedAt().isAfter(asOf)) {
                    break;
                }
                if (!reply.receivedAt().isBefore(firstAfterEnd.sentAt())) {
                    responseSeconds = Duration.between(firstAfterEnd.sentAt(), reply.receivedAt())
                            .toSeconds();
                    repliedInTime =
                            !reply.receivedAt().isAfter(firstAfterEnd.sentAt().plusSeconds(window));
                    break;
                }
            }
        }
        return new Facts(
                record,
                IsoWeek.of(record.interview().end(), parameters.zone()).toString(),
                steps,
                due,
                onTime,
                late,
                missed,
                sent,
                ideal,
                debriefDue,
                debrief == StepState.DONE_ON_TIME,
                statusChecks,
                plan.breaches(RuleId.R6).size(),
                plan.breaches(RuleId.R7).size(),
                plan.breaches(RuleId.R8).size(),
                plan.breaches(RuleId.R10).size(),
                touches,
                plan.breaches(RuleId.R12).size(),
                plan.breaches(RuleId.R13).size(),
                counted && firstAfterEnd != null,
                responseSeconds,
                windowCounted,
                windowCounted && repliedInTime,
                plan.thread() == ThreadStatus.CLOSED_NO_RESPONSE);
    }

    private static FigureRow row(GroupKey key, String name, List<Facts> members) {
        List<Long> responses = new ArrayList<>();
        for (Facts facts : members) {
            if (facts.responseSeconds() != null) {
                responses.add(facts.responseSeconds());
            }
        }
        responses.sort(null);
        return new FigureRow(
                key.week(),
                key.dimension(),
                key.id(),
                name,
                members.size(),
                sum(members, Facts::thankYouSteps),
                sum(members, Facts::thankYouDue),
                sum(members, Facts::thankYouOnTime),
                sum(members, Facts::thankYouLate),
                sum(members, Facts::thankYouMissed),
                sum(members, Facts::thankYouSent),
                sum(members, Facts::thankYouIdeal),
                members.stream().filter(Facts::debriefDue).count(),
                members.stream().filter(Facts::debriefOnTime).count(),
                members.stream()
                        .filter(facts -> facts.record().timeline().isPresent())
                        .count(),
                sum(members, Facts::statusChecks),
                sum(members, Facts::r6),
                sum(members, Facts::r7),
                sum(members, Facts::r8),
                sum(members, Facts::r10),
                sum(members, Facts::touches),
                sum(members, Facts::r12),
                sum(members, Facts::r13),
                members.stream()
                        .filter(facts -> facts.record().company().overrides().doesNotReply())
                        .count(),
                members.stream().filter(Facts::followedUp).count(),
                responses.size(),
                percentile(responses, 0.5),
                percentile(responses, 0.9),
                members.stream().filter(Facts::ghosted).count(),
                members.stream().filter(Facts::windowCounted).count(),
                members.stream().filter(Facts::repliedWithinWindow).count());
    }

    /** PostgreSQL's percentile_disc: the value at row ceil(p * n), the first row when that is 0. */
    static OptionalLong percentile(List<Long> sorted, double fraction) {
        if (sorted.isEmpty()) {
            return OptionalLong.empty();
        }
        long row = (long) Math.ceil(fraction * sorted.size());
        return OptionalLong.of(sorted.get((int) Math.max(row, 1) - 1));
    }

    private static long sum(List<Facts> members, java.util.function.ToLongFunction<Facts> figure) {
        long total = 0;
        for (Facts facts : members) {
            total += figure.applyAsLong(facts);
        }
        return total;
    }
}
