package com.followup.api.dashboard;

import com.followup.api.dashboard.DashboardBodies.CandidateRow;
import com.followup.api.dashboard.DashboardBodies.Counts;
import com.followup.api.dashboard.DashboardBodies.Dashboard;
import com.followup.api.dashboard.DashboardBodies.EndedThread;
import com.followup.api.dashboard.DashboardBodies.Filter;
import com.followup.api.dashboard.DashboardBodies.LastContact;
import com.followup.api.dashboard.DashboardBodies.LatestBreach;
import com.followup.api.dashboard.DashboardBodies.NextInterview;
import com.followup.api.dashboard.DashboardBodies.NextStep;
import com.followup.api.dashboard.DashboardBodies.Priority;
import com.followup.api.dashboard.DashboardBodies.Query;
import com.followup.api.dashboard.DashboardBodies.Sort;
import com.followup.api.representations.PlanView;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.Reply;
import com.followup.core.model.Touch;
import com.followup.core.rules.Breach;
import com.followup.core.rules.Plan;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThreadStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/** One candidate's counts, gathered plan by plan (or read summed from the plan summaries). */
final class Tally {
    final long candidateId;
    final String name;
    /** The name as the order compares it (lower case), made once rather than at every comparison. */
    private final String sortName;

    int interviews;
    int due;
    int dueSoon;
    int overdue;
    int breaches;
    int waiting;
    Instant nextDeadline;
    /** The instant of the latest breach, for "new breaches" over all candidates (the order needs no page query). */
    Instant latestBreachAt;

    NextStep mostUrgent;
    /** For tallies read from plan summaries: the interview of the most urgent step, filled in for the page. */
    long mostUrgentInterview;

    int mostUrgentRank = Integer.MAX_VALUE;

    /** What the row shows beside its counts; gathered for the page only. */
    LatestBreach latestBreach;

    NextInterview nextInterview;
    final List<EndedThread> endedWithoutAnswer = new ArrayList<>();
    LastContact lastContact;

    /** Set by {@link #page}: breaches beyond what the caller marked as seen. */
    boolean newBreaches;

    /** What a caller marked as seen of a candidate's breaches: how many, and the latest one's instant. */
    record Seen(int breaches, Optional<Instant> latestAt) {}

    Tally(long candidateId, String name) {
        this.candidateId = candidateId;
        this.name = name;
        this.sortName = name.toLowerCase(Locale.ROOT);
    }

    /**
     * Counts over all, then the filter, the order and the page; {@code beforeRows} may complete the page's tallies.
     * {@code seen} holds what the caller marked as seen, by candidate; {@code now} words the reasons.
     */
    static Dashboard page(
            List<Tally> all, Query query, Map<Long, Seen> seen, Instant now, Consumer<List<Tally>> beforeRows) {
        all.forEach(tally -> tally.newBreaches = tally.hasNewBreaches(seen.get(tally.candidateId)));
        Counts counts = new Counts(
                all.size(),
                all.stream().mapToLong(tally -> tally.due).sum(),
                all.stream().mapToLong(tally -> tally.overdue).sum(),
                all.stream().mapToLong(tally -> tally.breaches).sum(),
                all.stream().mapToLong(tally -> tally.waiting).sum(),
                all.stream().mapToLong(tally -> tally.dueSoon).sum(),
                all.stream().filter(tally -> tally.newBreaches).count());
        List<Tally> selected =
                all.stream().filter(tally -> tally.matches(query.filter())).toList();
        List<Tally> pageTallies = pageInOrder(selected, order(query.sort()), query.offset(), query.limit());
        beforeRows.accept(pageTallies);
        List<CandidateRow> page =
                pageTallies.stream().map(tally -> tally.row(now)).toList();
        return new Dashboard(counts, page, selected.size(), query.limit(), query.offset(), List.of());
    }

    /**
     * The page of {@code tallies} in {@code order}: only the first {@code offset + limit} are kept in order, in a
     * bounded heap, rather than sorting them all (an admin's first page of 50 out of 20,000 candidates: issue 18's
     * first dashboard after a start). The order is total (the candidate's id last), so the page is the one a full sort
     * gives.
     */
    static List<Tally> pageInOrder(List<Tally> tallies, Comparator<Tally> order, long offset, int limit) {
        long wanted = Math.min(tallies.size(), offset + limit);
        if (offset >= wanted) {
            return List.of();
        }
        List<Tally> first;
        if (wanted * 2 > tallies.size()) {
            first = new ArrayList<>(tallies);
            first.sort(order);
        } else {
            // The heap's head is the last of the first `wanted` seen so far; anything before it replaces it.
            PriorityQueue<Tally> heap = new PriorityQueue<>((int) wanted + 1, order.reversed());
            for (Tally tally : tallies) {
                if (heap.size() < wanted) {
                    heap.add(tally);
                } else if (order.compare(tally, heap.peek()) < 0) {
                    heap.poll();
                    heap.add(tally);
                }
            }
            first = new ArrayList<>(heap);
            first.sort(order);
        }
        return List.copyOf(first.subList((int) offset, (int) wanted));
    }

    /** New when there are more breaches than were seen, or one later than the latest seen. */
    private boolean hasNewBreaches(Seen seen) {
        if (breaches == 0) {
            return false;
        }
        if (seen == null || breaches > seen.breaches()) {
            return true;
        }
        return latestBreachAt != null
                && (seen.latestAt().isEmpty()
                        || latestBreachAt.isAfter(seen.latestAt().get()));
    }

    Priority priority() {
        if (overdue > 0) {
            return Priority.OVERDUE;
        }
        if (dueSoon > 0) {
            return Priority.DUE_SOON;
        }
        if (due > 0) {
            return Priority.DUE;
        }
        if (newBreaches) {
            return Priority.NEW_BREACHES;
        }
        if (waiting > 0) {
            return Priority.WAITING;
        }
        return Priority.NOTHING_TO_DO;
    }

    /**
     * Most urgent first (issue 16): what needs action (overdue, due soon, due), then breaches not yet seen, then threads
     * waiting on the company, then the rest; within a group the earliest deadline, then the name.
     */
    static Comparator<Tally> order(Sort sort) {
        Comparator<Tally> byName =
                Comparator.comparing((Tally tally) -> tally.sortName).thenComparingLong(tally -> tally.candidateId);
        return switch (sort) {
            case NAME -> byName;
            case URGENCY ->
                Comparator.comparing(Tally::priority)
                        .thenComparing(tally -> tally.nextDeadline == null ? Instant.MAX : tally.nextDeadline)
                        .thenComparing(byName);
        };
    }

    /** The oracle's way (and the summary's, step for step): one evaluated interview added to the candidate's tally. */
    void add(Plan plan, InterviewRecord record, ZoneId zone) {
        long interview = plan.interview().value();
        String company = record.company().name();
        Instant now = plan.evaluatedAt();
        interviews++;
        breaches += plan.breaches().size();
        boolean candidateHasSomethingToDo = false;
        for (Step step : plan.steps()) {
            int rank = PlanSummary.rank(step);
            if (rank == Integer.MAX_VALUE) {
                continue;
            }
            candidateHasSomethingToDo = true;
            if (step.state() == StepState.OVERDUE) {
                overdue++;
            } else {
                due++;
                if (step.state() == StepState.DUE_SOON) {
                    dueSoon++;
                }
            }
            Optional<Instant> deadline = step.window().deadline();
            deadline.filter(at -> nextDeadline == null || at.isBefore(nextDeadline))
                    .ifPresent(at -> nextDeadline = at);
            Instant stepDeadline = deadline.orElse(Instant.MAX);
            Instant currentDeadline = mostUrgent == null
                    ? Instant.MAX
                    : mostUrgent.deadline().map(OffsetDateTime::toInstant).orElse(Instant.MAX);
            if (rank < mostUrgentRank || (rank == mostUrgentRank && stepDeadline.isBefore(currentDeadline))) {
                mostUrgentRank = rank;
                mostUrgent = new NextStep(
                        interview,
                        company,
                        step.kind(),
                        step.state(),
                        deadline.map(at -> PlanView.at(at, zone)),
                        step.rules().stream().sorted().map(Enum::name).toList());
            }
        }
        if (plan.thread() == ThreadStatus.OPEN
                && !candidateHasSomethingToDo
                && !record.interview().end().isAfter(now)) {
            waiting++;
        }
        Breach latest = null;
        for (Breach breach : plan.breaches()) {
            if (latest == null || breach.at().isAfter(latest.at())) {
                latest = breach;
            }
        }
        if (latest != null) {
            seeBreach(interview, company, latest.rule().name(), micros(latest.at()), zone);
        }
        Instant start = record.interview().start();
        if (start.isAfter(now)) {
            seeInterview(interview, company, micros(start), zone);
        }
        seeThread(interview, company, plan.thread());
        Instant contactAt = null;
        String contactBy = null;
        for (Touch touch : record.touches()) {
            if (!touch.sentAt().isAfter(now)
                    && (contactAt == null || touch.sentAt().isAfter(contactAt))) {
                contactAt = touch.sentAt();
                contactBy = "CANDIDATE";
            }
        }
        for (Reply reply : record.replies()) {
            if (!reply.receivedAt().isAfter(now)
                    && (contactAt == null || reply.receivedAt().isAfter(contactAt))) {
                contactAt = reply.receivedAt();
                contactBy = "COMPANY";
            }
        }
        if (contactAt != null) {
            seeContact(interview, company, micros(contactAt), contactBy, zone);
        }
    }

    private static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /*
     * The four below take one interview's part at a time, in interview id order: the later breach or contact and the
     * earlier interview win, a tie stays with the lower interview id.
     */

    void seeBreach(long interview, String company, String rule, Instant at, ZoneId zone) {
        if (latestBreachAt == null || at.isAfter(latestBreachAt)) {
            latestBreachAt = at;
        }
        if (latestBreach == null || at.isAfter(latestBreach.at().toInstant())) {
            latestBreach = new LatestBreach(
                    interview, company, rule, PlanView.at(at, zone), Reasons.breach(rule, firstName(), company));
        }
    }

    void seeInterview(long interview, String company, Instant start, ZoneId zone) {
        if (nextInterview == null || start.isBefore(nextInterview.start().toInstant())) {
            nextInterview = new NextInterview(interview, company, PlanView.at(start, zone));
        }
    }

    void seeThread(long interview, String company, ThreadStatus thread) {
        switch (thread) {
            case CLOSED_NO_RESPONSE, CLOSED_NO_REPLY_EXPECTED ->
                endedWithoutAnswer.add(new EndedThread(interview, company, thread));
            case OPEN, DECIDED -> {}
        }
    }

    void seeContact(long interview, String company, Instant at, String by, ZoneId zone) {
        if (lastContact == null || at.isAfter(lastContact.at().toInstant())) {
            lastContact = new LastContact(interview, company, PlanView.at(at, zone), by);
        }
    }

    String firstName() {
        int space = name.indexOf(' ');
        return space > 0 ? name.substring(0, space) : name;
    }

    boolean matches(Filter filter) {
        return switch (filter) {
            case ALL -> true;
            case DUE -> due > 0;
            case OVERDUE -> overdue > 0;
            case BREACHES -> breaches > 0;
            case WAITING -> waiting > 0;
        };
    }

    CandidateRow row(Instant now) {
        CandidateRow row = new CandidateRow(
                candidateId,
                name,
                interviews,
                due,
                overdue,
                breaches,
                waiting,
                Optional.ofNullable(mostUrgent),
                dueSoon,
                priority(),
                "",
                newBreaches,
                Optional.ofNullable(latestBreach),
                Optional.ofNullable(nextInterview),
                List.copyOf(endedWithoutAnswer),
                Optional.ofNullable(lastContact));
        return row.withReason(Reasons.of(row, Optional.empty(), now));
    }
}
