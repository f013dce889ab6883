package com.followup.api.mailin;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.mailin.IncomingMail.Party;
import com.followup.api.mailin.MailInBodies.AddressView;
import com.followup.api.mailin.MailInBodies.AssignRequest;
import com.followup.api.mailin.MailInBodies.AssignedView;
import com.followup.api.mailin.MailInBodies.UnplacedView;
import com.followup.api.mailin.MailInRepository.KnownContact;
import com.followup.api.mailin.MailInRepository.Owner;
import com.followup.api.mailin.MailInRepository.UnplacedRow;
import com.followup.api.notifications.MailText;
import com.followup.api.notifications.Outbox;
import com.followup.api.notifications.OutboxKind;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.PlanView;
import com.followup.api.threads.ThreadBodies.ReplyRequest;
import com.followup.api.threads.ThreadBodies.TouchRequest;
import com.followup.api.threads.Threads;
import com.followup.core.model.Channel;
import com.followup.core.model.ContactId;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.TouchKind;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.repository.PolicyStore;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Mail-in (issue 19, decision 0034): a candidate's logging address, and each message read from the agency mailbox
 * placed on the right interview and logged through the same {@link Threads} use cases, with the same checks, as a
 * touch or reply typed in the portal. A message that cannot be placed waits for the candidate ({@link #unplaced},
 * {@link #assign}) and they get a short e-mail about it.
 *
 * <p>Exactly once: a message is claimed by its Message-ID in the transaction that logs it; a second delivery, or a
 * second server reading the same mailbox, finds the claim and logs nothing.
 */
public final class MailIn {
    /** What became of a message read from the mailbox. */
    public enum Outcome {
        /** Its touches or its reply are logged. */
        LOGGED,
        /** It waits for the candidate to say which interview it belongs to. */
        UNPLACED,
        /** It was read before (the same Message-ID): nothing new. */
        DUPLICATE,
        /** It names no logging address, or one that belongs to nobody (renewed, or made up): ignored, counted. */
        UNKNOWN_SECRET,
        /** Its sender is not the candidate whose address it names: ignored, counted. */
        UNKNOWN_SENDER
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TAG = Pattern.compile("\\[([a-z-]+)]", Pattern.CASE_INSENSITIVE);
    private static final int MAX_SUBJECT = 500;
    private static final int MAX_ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final Audit audit;
    private final Threads threads;
    private final JdbiInterviewRecords records;
    private final PolicyStore policies;
    private final PlanEvaluator evaluator;
    private final Clock clock;
    private final MailInConfiguration configuration;
    private final String portalBaseUrl;
    private final Pattern address;
    private final Map<Outcome, Counter> counters;

    public MailIn(
            Jdbi jdbi,
            Audit audit,
            Threads threads,
            JdbiInterviewRecords records,
            PolicyStore policies,
            PlanEvaluator evaluator,
            Clock clock,
            MailInConfiguration configuration,
            String portalBaseUrl,
            MetricRegistry metrics) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.threads = requireNonNull(threads, "threads is null");
        this.records = requireNonNull(records, "records is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.portalBaseUrl = requireNonNull(portalBaseUrl, "portalBaseUrl is null");
        this.address = Pattern.compile(
                Pattern.quote(configuration.getLocalPart()) + "\\+([0-9a-f]{32})@"
                        + Pattern.quote(configuration.getDomain()),
                Pattern.CASE_INSENSITIVE);
        Map<Outcome, Counter> byOutcome = new java.util.EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(
                    outcome,
                    metrics.counter(MetricRegistry.name(
                            MailIn.class,
                            outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'))));
        }
        this.counters = byOutcome;
    }

    public boolean enabled() {
        return configuration.isEnabled();
    }

    /** How many messages had each outcome since the server started (the metrics {@code MailIn.<outcome>}). */
    public long count(Outcome outcome) {
        return counters.get(outcome).getCount();
    }

    // ---- the logging address

    /** The calling candidate's logging address, if they made one; 403 for a login without a candidate profile. */
    public Optional<AddressView> address(UserPrincipal candidate) {
        requireEnabled();
        return jdbi.inTransaction(handle -> handle.attach(MailInRepository.class)
                .ofCandidate(Visibility.candidateOf(handle, candidate))
                .map(this::view));
    }

    /** Makes the calling candidate's logging address, or a new one: the old address stops logging at once. */
    public AddressView renew(UserPrincipal candidate) {
        requireEnabled();
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            long candidateId = Visibility.candidateOf(handle, candidate);
            MailInRepository repository = handle.attach(MailInRepository.class);
            repository.renew(candidateId, secret, now);
            audit.record(handle, candidate, "mail-in.address-renewed", "candidate", candidateId, Map.of());
            return view(repository.ofCandidate(candidateId).orElseThrow());
        });
    }

    private AddressView view(MailInRepository.Address row) {
        return new AddressView(
                configuration.getLocalPart() + "+" + row.secret() + "@" + configuration.getDomain(),
                row.createdAt(),
                row.renewedAt());
    }

    private void requireEnabled() {
        if (!configuration.isEnabled()) {
            throw ProblemException.of(
                    ErrorCode.MAIL_IN_OFF, "Logging by e-mail is not set up for this agency; ask your recruiter.");
        }
    }

    // ---- a message read from the mailbox

    /** Places and logs one message, exactly once by its key; what became of it. */
    public Outcome receive(IncomingMail mail) {
        Outcome outcome = place(mail);
        counters.get(outcome).inc();
        return outcome;
    }

    private Outcome place(IncomingMail mail) {
        Optional<String> secret = mail.routing().stream()
                .map(address::matcher)
                .filter(Matcher::matches)
                .map(matcher -> matcher.group(1).toLowerCase(Locale.ROOT))
                .findFirst();
        if (secret.isEmpty()) {
            return Outcome.UNKNOWN_SECRET;
        }
        Optional<Owner> found =
                jdbi.withHandle(handle -> handle.attach(MailInRepository.class).ownerOf(secret.get()));
        if (found.isEmpty()) {
            return Outcome.UNKNOWN_SECRET;
        }
        Owner owner = found.get();
        String sender = mail.from().normalised();
        if (!sender.equalsIgnoreCase(owner.candidateEmail()) && !sender.equalsIgnoreCase(owner.userEmail())) {
            return Outcome.UNKNOWN_SENDER;
        }
        Decision decision = jdbi.inTransaction(handle -> decide(handle, owner, mail));
        if (decision.reason().isPresent()) {
            return storeUnplaced(owner, mail, decision, decision.reason().get());
        }
        try {
            return logAll(owner, mail, decision);
        } catch (ProblemException refused) {
            // The checks of logging refused it (a time before the interview's end, say): the candidate decides.
            return storeUnplaced(owner, mail, decision, refused.problem().detail());
        }
    }

    /** A touch or reply to log: where, to or from whom, and what it was. */
    private record Placement(
            long interviewId,
            long contactId,
            String address,
            Instant at,
            Optional<TouchKind> touch,
            Optional<ReplyKind> reply) {}

    /** Where a message goes, or why it cannot be placed; {@code counterpart} as stored for an unplaced one. */
    private record Decision(
            String direction, String counterpart, List<Placement> placements, Optional<String> reason) {}

    private Decision decide(Handle handle, Owner owner, IncomingMail mail) {
        MailInRepository repository = handle.attach(MailInRepository.class);
        List<KnownContact> contacts = contactsOf(handle, principal(owner));
        Set<String> tags = tags(mail.subject().orElse(""));
        if (mail.forwardedFrom().isPresent()) {
            Party original = mail.forwardedFrom().get();
            String counterpart = original.toString();
            Optional<KnownContact> contact = match(contacts, original);
            if (contact.isEmpty()) {
                return unplaced(
                        "FORWARDED_REPLY",
                        counterpart,
                        "the forwarded message comes from " + original.address()
                                + ", who is not a contact of a company you interviewed with");
            }
            Instant at = mail.forwardedAt()
                    .filter(when -> when.isBefore(mail.sentAt()))
                    .orElse(mail.sentAt());
            List<InterviewRecord> ended = ended(handle, repository, owner, contact.get(), at);
            List<InterviewRecord> met = metBy(ended, contact.get());
            InterviewRecord interview;
            if (!met.isEmpty()) {
                interview = met.get(0);
            } else if (ended.size() == 1) {
                interview = ended.get(0);
            } else {
                return unplaced(
                        "FORWARDED_REPLY",
                        counterpart,
                        ended.isEmpty()
                                ? "no interview with " + contact.get().companyName() + " had ended when the reply came"
                                : contact.get().name() + " did not interview you and you had " + ended.size()
                                        + " interviews with " + contact.get().companyName());
            }
            ReplyKind kind = replyKind(tags);
            return new Decision(
                    "FORWARDED_REPLY",
                    counterpart,
                    List.of(new Placement(
                            interview.interview().id().value(),
                            contact.get().id(),
                            original.address(),
                            at,
                            Optional.empty(),
                            Optional.of(kind))),
                    Optional.empty());
        }
        List<Party> recipients = mail.recipients().stream()
                .filter(recipient -> !address.matcher(recipient.address()).matches())
                .filter(recipient -> !recipient.normalised().equalsIgnoreCase(owner.candidateEmail())
                        && !recipient.normalised().equalsIgnoreCase(owner.userEmail()))
                .toList();
        String counterpart =
                String.join(", ", recipients.stream().map(Party::toString).toList());
        if (recipients.isEmpty()) {
            return unplaced("SENT", mail.from().address(), "it went to no one but the logging address");
        }
        Optional<TouchKind> forced = touchKind(tags);
        List<Placement> placements = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (Party recipient : recipients) {
            Optional<KnownContact> contact = match(contacts, recipient);
            if (contact.isEmpty() || !seen.add(contact.get().id())) {
                continue;
            }
            List<InterviewRecord> ended = ended(handle, repository, owner, contact.get(), mail.sentAt());
            Optional<Placement> placement =
                    placeTouch(ended, contact.get(), recipient.address(), mail.sentAt(), forced, problems);
            placement.ifPresent(placements::add);
        }
        if (seen.isEmpty()) {
            return unplaced(
                    "SENT", counterpart, "none of its recipients is a contact of a company you interviewed with");
        }
        if (!problems.isEmpty()) {
            return unplaced("SENT", counterpart, String.join("; ", problems));
        }
        return new Decision("SENT", counterpart, placements, Optional.empty());
    }

    /**
     * The interview and kind of a touch to one contact: the most recent interview where the candidate met them with a
     * thank-you still open to them (a first message after the interview is a thank-you) or else a status check open;
     * for a contact they did not meet, the one interview at that company with a status check open.
     */
    private Optional<Placement> placeTouch(
            List<InterviewRecord> ended,
            KnownContact contact,
            String used,
            Instant at,
            Optional<TouchKind> forced,
            List<String> problems) {
        if (ended.isEmpty()) {
            problems.add("no interview with " + contact.companyName() + " had ended when it was sent");
            return Optional.empty();
        }
        AgencyPolicy policy = policies.current();
        Instant now = clock.instant();
        List<InterviewRecord> met = metBy(ended, contact);
        for (InterviewRecord record : met) {
            List<Step> steps = evaluator.evaluate(record, policy, now).steps();
            for (TouchKind kind : forced.map(List::of).orElse(List.of(TouchKind.THANK_YOU, TouchKind.STATUS_CHECK))) {
                if (kind == TouchKind.EXTRA_INFORMATION || hasOpen(steps, kind, contact)) {
                    return Optional.of(placement(record, contact, used, at, kind));
                }
            }
        }
        if (!met.isEmpty()) {
            problems.add("no step is open for " + contact.name() + " on your interviews with " + contact.companyName());
            return Optional.empty();
        }
        TouchKind kind = forced.orElse(TouchKind.STATUS_CHECK);
        List<InterviewRecord> open = ended.stream()
                .filter(record -> kind == TouchKind.EXTRA_INFORMATION
                        || hasOpen(evaluator.evaluate(record, policy, now).steps(), kind, contact))
                .toList();
        if (open.size() == 1) {
            return Optional.of(placement(open.get(0), contact, used, at, kind));
        }
        problems.add(
                open.isEmpty()
                        ? "no step is open for a message to " + contact.name() + " at " + contact.companyName()
                        : contact.name() + " did not interview you, and " + open.size() + " of your interviews with "
                                + contact.companyName() + " could take it");
        return Optional.empty();
    }

    private static Placement placement(
            InterviewRecord record, KnownContact contact, String used, Instant at, TouchKind kind) {
        return new Placement(
                record.interview().id().value(), contact.id(), used, at, Optional.of(kind), Optional.empty());
    }

    /** A step of this kind still to do (for a thank-you: to this contact); a late one still counts, as done late. */
    private static boolean hasOpen(List<Step> steps, TouchKind kind, KnownContact contact) {
        StepKind wanted =
                switch (kind) {
                    case THANK_YOU -> StepKind.THANK_YOU;
                    case STATUS_CHECK -> StepKind.STATUS_CHECK;
                    case THANKS_AFTER_REJECTION -> StepKind.THANKS_AFTER_REJECTION;
                    case EXTRA_INFORMATION, GIFT, FACEBOOK_FRIEND_REQUEST, LINKEDIN_CONNECTION -> null;
                };
        return wanted != null
                && steps.stream()
                        .anyMatch(step -> step.kind() == wanted
                                && !step.state().isDone()
                                && step.state() != StepState.NOT_NEEDED
                                && (wanted != StepKind.THANK_YOU
                                        || step.contact().equals(Optional.of(new ContactId(contact.id())))));
    }

    private List<InterviewRecord> ended(
            Handle handle, MailInRepository repository, Owner owner, KnownContact contact, Instant at) {
        List<Long> ids = repository.interviewsEndedBy(owner.candidateId(), contact.companyId(), at);
        Map<Long, InterviewRecord> byId = new java.util.HashMap<>();
        for (InterviewRecord record :
                records.findAll(handle, ids.stream().map(InterviewId::new).toList())) {
            byId.put(record.interview().id().value(), record);
        }
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The contacts the candidate may see (decision 0025: the people on their interviews and those they entered) at
     * the companies they interviewed with: a message is matched against these only, as a touch typed in the portal.
     */
    private static List<KnownContact> contactsOf(Handle handle, UserPrincipal candidate) {
        return Visibility.bind(
                        handle.createQuery(
                                "SELECT c.id, c.company_id, co.name AS company_name, c.name, c.business_email"
                                        + " FROM contacts c JOIN companies co ON co.id = c.company_id"
                                        + " WHERE c.id IN (" + Visibility.VISIBLE_CONTACTS + ")"
                                        + " AND c.company_id IN (SELECT company_id FROM interviews"
                                        + " WHERE candidate_id IN (" + Visibility.VISIBLE_CANDIDATES + "))"
                                        + " ORDER BY c.id"),
                        candidate)
                .map(ConstructorMapper.of(KnownContact.class))
                .list();
    }

    private static List<InterviewRecord> metBy(List<InterviewRecord> interviews, KnownContact contact) {
        ContactId id = new ContactId(contact.id());
        return interviews.stream()
                .filter(record -> record.interview().interviewers().contains(id))
                .toList();
    }

    /**
     * The contact an address belongs to: their business address, else (a personal address, which R12 then flags)
     * the one contact of that name. None when no contact or several fit.
     */
    private static Optional<KnownContact> match(List<KnownContact> contacts, Party party) {
        List<KnownContact> byAddress = contacts.stream()
                .filter(contact -> contact.businessEmail() != null
                        && contact.businessEmail()
                                .trim()
                                .equalsIgnoreCase(party.address().trim()))
                .toList();
        if (byAddress.size() == 1) {
            return Optional.of(byAddress.get(0));
        }
        if (byAddress.isEmpty() && party.name().isPresent()) {
            List<KnownContact> byName = contacts.stream()
                    .filter(contact ->
                            contact.name().trim().equalsIgnoreCase(party.name().get()))
                    .toList();
            if (byName.size() == 1) {
                return Optional.of(byName.get(0));
            }
        }
        return Optional.empty();
    }

    private static Set<String> tags(String subject) {
        Set<String> tags = new LinkedHashSet<>();
        Matcher matcher = TAG.matcher(subject);
        while (matcher.find()) {
            tags.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return tags;
    }

    /** The kind a subject tag names ("[status-check]"), which wins over the rule of first message and later ones. */
    private static Optional<TouchKind> touchKind(Set<String> tags) {
        if (tags.contains("thank-you") || tags.contains("thanks")) {
            return Optional.of(TouchKind.THANK_YOU);
        }
        if (tags.contains("status-check") || tags.contains("status")) {
            return Optional.of(TouchKind.STATUS_CHECK);
        }
        if (tags.contains("extra")) {
            return Optional.of(TouchKind.EXTRA_INFORMATION);
        }
        return Optional.empty();
    }

    private static ReplyKind replyKind(Set<String> tags) {
        if (tags.contains("ack")) {
            return ReplyKind.ACKNOWLEDGEMENT;
        }
        if (tags.contains("decision")) {
            return ReplyKind.DECISION;
        }
        if (tags.contains("request")) {
            return ReplyKind.REQUEST;
        }
        return ReplyKind.UPDATE;
    }

    private static Decision unplaced(String direction, String counterpart, String reason) {
        return new Decision(direction, counterpart, List.of(), Optional.of(reason));
    }

    private static UserPrincipal principal(Owner owner) {
        return new UserPrincipal(owner.userId(), owner.userEmail(), owner.userName(), Role.CANDIDATE, Optional.empty());
    }

    /**
     * Claims the message and logs its touches or reply in one transaction, through the thread use cases (the same
     * checks and audit as the portal) plus an audit entry saying it came from e-mail.
     */
    private Outcome logAll(Owner owner, IncomingMail mail, Decision decision) {
        UserPrincipal candidate = principal(owner);
        Instant now = clock.instant();
        return claimed(
                mail,
                () -> jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
                    MailInRepository repository = handle.attach(MailInRepository.class);
                    if (repository
                            .claim(mail.key(), owner.candidateId(), "LOGGED", now)
                            .isEmpty()) {
                        return Outcome.DUPLICATE;
                    }
                    for (Placement placement : decision.placements()) {
                        log(handle, candidate, placement, mail.subject(), mail.text(), mail.key());
                    }
                    return Outcome.LOGGED;
                }));
    }

    private long log(
            Handle handle,
            UserPrincipal candidate,
            Placement placement,
            Optional<String> subject,
            Optional<String> text,
            String messageKey) {
        if (placement.touch().isPresent()) {
            long id = threads.logTouchInCallersTransaction(
                            candidate,
                            placement.interviewId(),
                            new TouchRequest(
                                    placement.touch().get(),
                                    Channel.EMAIL,
                                    placement.contactId(),
                                    placement.address(),
                                    placement.at().atOffset(ZoneOffset.UTC),
                                    subject.map(MailIn::shortSubject).orElse(null),
                                    text.orElse(null)),
                            Optional.empty())
                    .view()
                    .id();
            audit.record(
                    handle,
                    candidate,
                    "touch.logged-from-email",
                    "touch",
                    id,
                    Map.of("interview", placement.interviewId(), "messageId", messageKey));
            return id;
        }
        long id = threads.logReply(
                        candidate,
                        placement.interviewId(),
                        new ReplyRequest(
                                placement.contactId(),
                                placement.at().atOffset(ZoneOffset.UTC),
                                placement.reply().orElseThrow(),
                                null),
                        Optional.empty())
                .view()
                .id();
        audit.record(
                handle,
                candidate,
                "reply.logged-from-email",
                "reply",
                id,
                Map.of("interview", placement.interviewId(), "messageId", messageKey));
        return id;
    }

    private static String shortSubject(String subject) {
        return subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
    }

    /** Stores the message for the candidate to place, claimed like a logged one, and mails them a link to it. */
    private Outcome storeUnplaced(Owner owner, IncomingMail mail, Decision decision, String reason) {
        Instant now = clock.instant();
        return claimed(
                mail,
                () -> jdbi.inTransaction(handle -> {
                    MailInRepository repository = handle.attach(MailInRepository.class);
                    if (repository
                            .claim(mail.key(), owner.candidateId(), "UNPLACED", now)
                            .isEmpty()) {
                        return Outcome.DUPLICATE;
                    }
                    Instant sentAt = mail.forwardedAt()
                            .filter(when -> when.isBefore(mail.sentAt()))
                            .orElse(mail.sentAt());
                    long id = repository.insertUnplaced(new MailInRepository.NewUnplaced(
                            owner.candidateId(),
                            mail.key(),
                            decision.direction(),
                            sentAt,
                            decision.counterpart(),
                            mail.subject().map(MailIn::shortSubject).orElse(null),
                            mail.text().orElse(null),
                            reason,
                            now));
                    UserPrincipal candidate = principal(owner);
                    audit.record(
                            handle, candidate, "mail-in.unplaced", "mail-in-unplaced", id, Map.of("reason", reason));
                    MailText text = MailText.account(
                            "Which interview was this e-mail for?",
                            "Hello " + owner.userName() + ",",
                            "Followup read your e-mail"
                                    + mail.subject().map(s -> " \"" + s + "\"").orElse("") + " of "
                                    + PlanView.at(sentAt, ZoneOffset.UTC).toLocalDate() + " (" + decision.counterpart()
                                    + ") but could not tell which interview it belongs to: " + reason
                                    + ". Nothing is logged until you choose the interview.",
                            "Choose the interview",
                            portalBaseUrl + "/mail-in",
                            "The message waits in the portal until you place it.",
                            "You get this because you sent or forwarded it to your Followup logging address.");
                    Outbox.enqueue(
                            handle,
                            new Outbox.NewMessage(
                                    owner.userId(),
                                    owner.userEmail(),
                                    OutboxKind.ACCOUNT,
                                    "mail-in:unplaced:" + id,
                                    text.subject(),
                                    text.text(),
                                    Optional.of(text.html()),
                                    now),
                            now);
                    return Outcome.UNPLACED;
                }));
    }

    /**
     * Runs a claiming transaction; when another server claimed the same message at the same moment, PostgreSQL
     * refuses the second claim (a unique or serialization conflict), which is a duplicate, not a failure.
     */
    private Outcome claimed(IncomingMail mail, java.util.function.Supplier<Outcome> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (JdbiException e) {
                if (!conflict(e)) {
                    throw e;
                }
                if (jdbi.withHandle(
                        handle -> handle.attach(MailInRepository.class).claimed(mail.key()))) {
                    return Outcome.DUPLICATE;
                }
                // Another server's write to the same interview (its summary, say) got in first: try again.
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static boolean conflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && ("40001".equals(sql.getSQLState()) || "23505".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    // ---- the candidate's unplaced messages

    /** The calling candidate's messages that wait to be placed, the latest first. */
    public List<UnplacedView> unplaced(UserPrincipal candidate) {
        return jdbi.inTransaction(handle ->
                handle.attach(MailInRepository.class).waiting(Visibility.candidateOf(handle, candidate)).stream()
                        .map(MailIn::view)
                        .toList());
    }

    /** How many of the calling candidate's messages wait to be placed; none for a login without a candidate profile. */
    public int waitingCount(UserPrincipal candidate) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT count(*) FROM mail_in_unplaced u JOIN candidates c ON c.id = u.candidate_id
                         WHERE c.user_id = :user AND u.placed_at IS NULL
                        """)
                .bind("user", candidate.id())
                .mapTo(Integer.class)
                .one());
    }

    private static UnplacedView view(UnplacedRow row) {
        return new UnplacedView(
                row.id(),
                row.direction(),
                row.sentAt(),
                row.counterpart(),
                Optional.ofNullable(row.subject()),
                Optional.ofNullable(row.text()),
                row.reason(),
                row.readAt());
    }

    /**
     * Places a waiting message on the interview the candidate chose: logged through the thread use cases like any
     * touch or reply (their checks: an interview the candidate may see, a contact of its company, a time after its
     * end), in one transaction with the message marked placed. 409 when it was placed already.
     */
    public AssignedView assign(UserPrincipal candidate, long unplacedId, AssignRequest request) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            long candidateId = Visibility.candidateOf(handle, candidate);
            MailInRepository repository = handle.attach(MailInRepository.class);
            UnplacedRow row = repository
                    .lockOfCandidate(unplacedId, candidateId)
                    .orElseThrow(() -> ProblemException.notFound("Unplaced message " + unplacedId));
            if (row.placedAt() != null) {
                throw ProblemException.conflict(
                        ErrorCode.ALREADY_PLACED,
                        "This message is logged already; correct the touch or reply instead.");
            }
            boolean sent = row.direction().equals("SENT");
            Placement placement = sent
                    ? new Placement(
                            request.interviewId(),
                            request.contactId(),
                            usedAddress(handle, row, request.contactId()),
                            row.sentAt(),
                            Optional.of(kindOf(TouchKind.class, request.kind(), sent)),
                            Optional.empty())
                    : new Placement(
                            request.interviewId(),
                            request.contactId(),
                            row.counterpart(),
                            row.sentAt(),
                            Optional.empty(),
                            Optional.of(kindOf(ReplyKind.class, request.kind(), sent)));
            long id = log(
                    handle,
                    candidate,
                    placement,
                    Optional.ofNullable(row.subject()),
                    Optional.ofNullable(row.text()),
                    "unplaced:" + row.id());
            repository.markPlaced(row.id(), request.interviewId(), clock.instant());
            audit.record(
                    handle,
                    candidate,
                    "mail-in.placed",
                    "mail-in-unplaced",
                    row.id(),
                    Map.of("interview", request.interviewId(), sent ? "touch" : "reply", id));
            return new AssignedView(row.id(), request.interviewId(), sent ? "touch" : "reply", id);
        });
    }

    /** The address the message really went to that belongs to the chosen contact, else the only one it went to. */
    private static String usedAddress(Handle handle, UnplacedRow row, long contactId) {
        List<String> addresses = new ArrayList<>();
        for (String one : row.counterpart().split(",")) {
            Optional<Party> party = MailParser.party(one);
            party.ifPresent(found -> addresses.add(found.address()));
        }
        Optional<String> business = handle.createQuery("SELECT business_email FROM contacts WHERE id = :id")
                .bind("id", contactId)
                .mapTo(String.class)
                .findOne();
        return addresses.stream()
                .filter(one -> business.isPresent() && one.equalsIgnoreCase(business.get()))
                .findFirst()
                .orElse(
                        addresses.size() == 1
                                ? addresses.get(0)
                                : business.orElse(addresses.isEmpty() ? "" : addresses.get(0)));
    }

    private static <E extends Enum<E>> E kindOf(Class<E> type, String kind, boolean sent) {
        try {
            E value = Enum.valueOf(type, kind.trim().toUpperCase(Locale.ROOT));
            if (value != TouchKind.GIFT
                    && value != TouchKind.FACEBOOK_FRIEND_REQUEST
                    && value != TouchKind.LINKEDIN_CONNECTION) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ProblemException.badRequest(
                ErrorCode.KIND_DOES_NOT_FIT_MESSAGE,
                sent
                        ? "An e-mail you sent is a thank-you, a status check, extra information or thanks after a rejection."
                        : "A forwarded reply is an acknowledgement, an update, a decision or a request.",
                List.of(Problem.FieldError.of("kind", "does not fit this message")));
    }
}
