package com.followup.core.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the rules need to know about one interview: the aggregate the plan is evaluated from.
 *
 * <p>Touches and replies are kept in the order they happened (ties broken by id), so the rules can walk them once.
 *
 * @param contacts the company's contacts this record refers to: every interviewer, recipient and replier
 */
public record InterviewRecord(
        Interview interview,
        ClientCompany company,
        Candidate candidate,
        List<Contact> contacts,
        Optional<Debrief> debrief,
        Optional<Timeline> timeline,
        List<Touch> touches,
        List<Reply> replies,
        Optional<Outcome> outcome) {
    private static final Comparator<Touch> TOUCH_ORDER = Comparator.comparing(Touch::sentAt)
            .thenComparingLong(touch -> touch.id().value());
    private static final Comparator<Reply> REPLY_ORDER = Comparator.comparing(Reply::receivedAt)
            .thenComparingLong(reply -> reply.id().value());

    public InterviewRecord {
        requireNonNull(interview, "interview is null");
        requireNonNull(company, "company is null");
        requireNonNull(candidate, "candidate is null");
        contacts = List.copyOf(requireNonNull(contacts, "contacts is null"));
        requireNonNull(debrief, "debrief is null");
        requireNonNull(timeline, "timeline is null");
        touches = sorted(requireNonNull(touches, "touches is null"), TOUCH_ORDER);
        replies = sorted(requireNonNull(replies, "replies is null"), REPLY_ORDER);
        requireNonNull(outcome, "outcome is null");

        otherCompany(interview, company).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        otherCandidate(interview, candidate).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        for (Contact contact : contacts) {
            contactOfAnotherCompany(company.id(), contact).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
        List<ContactId> referred = new ArrayList<>(interview.interviewers());
        touches.forEach(touch -> referred.add(touch.recipient()));
        replies.forEach(reply -> referred.add(reply.from()));
        debrief.ifPresent(notes -> notes.concerns().forEach(concern -> referred.add(concern.interviewer())));
        for (ContactId id : referred) {
            unknownContact(contacts, id).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
    }

    /**
     * Why {@code company} cannot be the company of {@code interview}'s record, if it cannot: it is another one. The
     * database's foreign key and the loader (which reads the company through the interview) keep them the same.
     */
    public static Optional<String> otherCompany(Interview interview, ClientCompany company) {
        return interview.company().equals(company.id())
                ? Optional.empty()
                : Optional.of("interview is with company " + interview.company() + ", not " + company.id());
    }

    /** Why {@code candidate} cannot be the candidate of {@code interview}'s record, if it cannot; as above. */
    public static Optional<String> otherCandidate(Interview interview, Candidate candidate) {
        return interview.candidate().equals(candidate.id())
                ? Optional.empty()
                : Optional.of("interview is of candidate " + interview.candidate() + ", not " + candidate.id());
    }

    /**
     * Why {@code contact} cannot be in the record of an interview with {@code company}, if it cannot: every
     * interviewer, recipient, replier and concern of an interview works for the interview's company. The API and the
     * portal refuse others with UNKNOWN_CONTACT, the database with its triggers (changeset 0015).
     */
    public static Optional<String> contactOfAnotherCompany(CompanyId company, Contact contact) {
        return contact.company().equals(company)
                ? Optional.empty()
                : Optional.of("contact " + contact.id() + " works for another company");
    }

    /**
     * Why the record cannot refer to contact {@code id}, if it cannot: it is not among its {@code contacts}. The
     * database's foreign keys keep every referred contact in existence, and the loader reads each one it refers to.
     */
    public static Optional<String> unknownContact(List<Contact> contacts, ContactId id) {
        return findContact(contacts, id) == null
                ? Optional.of("contact " + id + " is not among the record's contacts")
                : Optional.empty();
    }

    /** The contact with this id; every id the record refers to is known, so this only fails for foreign ids. */
    public Contact contact(ContactId id) {
        Contact contact = findContact(contacts, id);
        if (contact == null) {
            throw new IllegalArgumentException("no contact " + id + " in this record");
        }
        return contact;
    }

    public InterviewRecord withInterview(Interview interview) {
        return new InterviewRecord(
                interview, company, candidate, contacts, debrief, timeline, touches, replies, outcome);
    }

    public InterviewRecord withCompany(ClientCompany company) {
        return new InterviewRecord(
                interview, company, candidate, contacts, debrief, timeline, touches, replies, outcome);
    }

    public InterviewRecord withDebrief(Debrief debrief) {
        return new InterviewRecord(
                interview, company, candidate, contacts, Optional.of(debrief), timeline, touches, replies, outcome);
    }

    public InterviewRecord withTimeline(Optional<Timeline> timeline) {
        return new InterviewRecord(
                interview, company, candidate, contacts, debrief, timeline, touches, replies, outcome);
    }

    /** A copy with one more touch, in its place in time. */
    public InterviewRecord withTouch(Touch touch) {
        List<Touch> more = new ArrayList<>(touches);
        more.add(touch);
        return new InterviewRecord(interview, company, candidate, contacts, debrief, timeline, more, replies, outcome);
    }

    /** A copy with one more reply, in its place in time. */
    public InterviewRecord withReply(Reply reply) {
        List<Reply> more = new ArrayList<>(replies);
        more.add(reply);
        return new InterviewRecord(interview, company, candidate, contacts, debrief, timeline, touches, more, outcome);
    }

    public InterviewRecord withOutcome(Outcome outcome) {
        return new InterviewRecord(
                interview, company, candidate, contacts, debrief, timeline, touches, replies, Optional.of(outcome));
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return List.copyOf(copy);
    }

    private static Contact findContact(List<Contact> contacts, ContactId id) {
        // A linear scan: an interview has a handful of contacts, fewer than a map would pay off for.
        for (Contact contact : contacts) {
            if (contact.id().equals(id)) {
                return contact;
            }
        }
        return null;
    }
}
