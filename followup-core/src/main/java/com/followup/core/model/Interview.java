package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * One meeting of a candidate with one or more interviewers of a client company.
 *
 * @param role the job the candidate interviews for
 * @param round 1 for the first interview of an application, 2 for the next...
 * @param interviewers everyone the candidate met: each gets a thank-you (R3)
 */
public record Interview(
        InterviewId id,
        CompanyId company,
        CandidateId candidate,
        String role,
        Instant start,
        Instant end,
        InterviewFormat format,
        int round,
        List<ContactId> interviewers) {
    public Interview {
        requireNonNull(id, "id is null");
        requireNonNull(company, "company is null");
        requireNonNull(candidate, "candidate is null");
        requireNonNull(role, "role is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(format, "format is null");
        interviewers = List.copyOf(requireNonNull(interviewers, "interviewers is null"));
        endNotAfterStart(start, end).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        roundBelowOne(round).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        noInterviewers(interviewers).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        interviewerListedTwice(interviewers).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /**
     * Why an interview cannot run from {@code start} to {@code end}, if it cannot: it must end after it starts. The one
     * statement of this rule; the API (END_BEFORE_START) and the database (interviews_end_after_start) say the same.
     */
    public static Optional<String> endNotAfterStart(Instant start, Instant end) {
        return end.isAfter(start) ? Optional.empty() : Optional.of("end " + end + " is not after start " + start);
    }

    /** Why {@code round} cannot be an interview's round, if it cannot: rounds count from 1. */
    public static Optional<String> roundBelowOne(int round) {
        return round < 1 ? Optional.of("round must be at least 1, got " + round) : Optional.empty();
    }

    /** Why an interview cannot have these interviewers, if it cannot: it has at least one (R3 thanks each). */
    public static Optional<String> noInterviewers(List<?> interviewers) {
        return interviewers.isEmpty() ? Optional.of("an interview has at least one interviewer") : Optional.empty();
    }

    /** Why an interview cannot have these interviewers, if it cannot: one of them is listed twice. */
    public static Optional<String> interviewerListedTwice(List<?> interviewers) {
        return new HashSet<>(interviewers).size() != interviewers.size()
                ? Optional.of("interviewers are listed twice: " + interviewers)
                : Optional.empty();
    }

    public Interview withTimes(Instant start, Instant end) {
        return new Interview(id, company, candidate, role, start, end, format, round, interviewers);
    }

    public Interview withInterviewers(List<ContactId> interviewers) {
        return new Interview(id, company, candidate, role, start, end, format, round, interviewers);
    }
}
