package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

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
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        if (round < 1) {
            throw new IllegalArgumentException("round must be at least 1, got " + round);
        }
        if (interviewers.isEmpty()) {
            throw new IllegalArgumentException("an interview has at least one interviewer");
        }
        if (new HashSet<>(interviewers).size() != interviewers.size()) {
            throw new IllegalArgumentException("interviewers are listed twice: " + interviewers);
        }
    }

    public Interview withTimes(Instant start, Instant end) {
        return new Interview(id, company, candidate, role, start, end, format, round, interviewers);
    }

    public Interview withInterviewers(List<ContactId> interviewers) {
        return new Interview(id, company, candidate, role, start, end, format, round, interviewers);
    }
}
