package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Method;
import biweekly.property.Transparency;
import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Secrets;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.notifications.NotificationBodies.FeedStatusView;
import com.followup.api.notifications.NotificationBodies.FeedView;
import com.followup.api.problem.ProblemException;
import com.followup.core.model.ContactId;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.Reply;
import com.followup.core.model.Touch;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.repository.PolicyStore;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.rules.Step;
import com.followup.core.ruleset.RuleId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * A candidate's private calendar feed (iCalendar, RFC 5545): one event per step still to do ({@link StepsToDo}), from
 * its earliest moment to its deadline. The feed's URL is a secret; only its hash is stored, and renewing it makes the
 * old URL useless. The SQL is in {@link CalendarFeedRepository}; the interviews' records come from the one
 * {@link JdbiInterviewRecords}.
 *
 * <p>Two fetches of a feed whose interviews did not change give the same bytes: every moment in it comes from the
 * records (a step's window, the last thing that happened), never from the clock (decision 0031).
 */
public final class CalendarFeeds {
    /** What {@link Secrets#newToken()} makes: 32 random bytes, URL-safe Base64 without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final Duration SHORT_EVENT = Duration.ofMinutes(30);

    private final Jdbi jdbi;
    private final Audit audit;
    private final JdbiInterviewRecords records;
    private final PolicyStore policies;
    private final PlanEvaluator evaluator;
    private final Clock clock;
    private final NotificationsConfiguration configuration;

    public CalendarFeeds(
            Jdbi jdbi,
            Audit audit,
            JdbiInterviewRecords records,
            PolicyStore policies,
            PlanEvaluator evaluator,
            Clock clock,
            NotificationsConfiguration configuration) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.records = requireNonNull(records, "records is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    /**
     * Creates the calling candidate's feed, or renews it; the URL is in the answer this once. 403 for a login without
     * a candidate profile.
     */
    public FeedView renew(UserPrincipal candidate) {
        String token = Secrets.newToken();
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            long candidateId = Visibility.candidateOf(handle, candidate);
            handle.attach(CalendarFeedRepository.class).renew(candidateId, Secrets.hash(token), now);
            audit.record(handle, candidate, "calendar-feed.renewed", "candidate", candidateId, Map.of());
        });
        return new FeedView(address(token), now);
    }

    /** Whether the calling candidate has a feed, and since when; 403 for a login without a candidate profile. */
    public Optional<FeedStatusView> status(UserPrincipal candidate) {
        return jdbi.inTransaction(handle -> handle.attach(CalendarFeedRepository.class)
                .ofCandidate(Visibility.candidateOf(handle, candidate))
                .map(feed -> new FeedStatusView(feed.createdAt(), feed.renewedAt())));
    }

    /**
     * The feed's address for {@code token}, only when it is the calling candidate's current token: the portal shows a
     * just-renewed address once, from a token it handed to the browser, and never an address that no longer works.
     */
    public Optional<String> currentAddress(UserPrincipal candidate, String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        boolean current = jdbi.inTransaction(handle -> handle.attach(CalendarFeedRepository.class)
                .isCurrent(Visibility.candidateOf(handle, candidate), Secrets.hash(token)));
        return current ? Optional.of(address(token)) : Optional.empty();
    }

    /** The feed whose secret is {@code token}, as iCalendar text; 404 when no feed has it (or it was renewed). */
    public String feed(String token) {
        Instant now = clock.instant();
        record Loaded(CalendarFeedRepository.Feed feed, List<InterviewRecord> interviews) {}
        Loaded loaded = jdbi.inTransaction(handle -> {
            CalendarFeedRepository feeds = handle.attach(CalendarFeedRepository.class);
            CalendarFeedRepository.Feed feed = feeds.byTokenHash(Secrets.hash(token))
                    .orElseThrow(() -> ProblemException.notFound("calendar feed"));
            List<InterviewId> ids =
                    feeds.interviewsEndingAfter(feed.candidateId(), now.minus(configuration.getLookBack())).stream()
                            .map(InterviewId::new)
                            .toList();
            return new Loaded(feed, records.findAll(handle, ids));
        });
        AgencyPolicy policy = policies.current();
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//Followup//Follow-up steps//EN");
        calendar.setMethod(Method.publish());
        calendar.setExperimentalProperty("X-WR-CALNAME", "Followup: your next steps");
        for (InterviewRecord record : loaded.interviews()) {
            Plan plan = evaluator.evaluate(record, policy, now);
            Instant revised = lastRevised(record, loaded.feed().renewedAt(), now);
            for (Step step : StepsToDo.of(plan)) {
                calendar.addEvent(event(record, step, revised));
            }
        }
        return IcsText.write(calendar);
    }

    private String address(String token) {
        return configuration.getPortalBaseUrl() + "/api/calendar/" + token + ".ics";
    }

    /**
     * DTSTAMP: when what the event says last changed, as far as the records tell (the interview's end, the last touch,
     * reply or outcome that happened by now), and not before the feed's address was made. Stable across fetches,
     * unlike the clock.
     */
    private static Instant lastRevised(InterviewRecord record, Instant feedRenewed, Instant now) {
        Instant latest = feedRenewed;
        latest = laterIfHappened(latest, record.interview().end(), now);
        for (Touch touch : record.touches()) {
            latest = laterIfHappened(latest, touch.sentAt(), now);
        }
        for (Reply reply : record.replies()) {
            latest = laterIfHappened(latest, reply.receivedAt(), now);
        }
        if (record.outcome().isPresent()) {
            latest = laterIfHappened(latest, record.outcome().get().at(), now);
        }
        if (record.debrief().isPresent()) {
            latest = laterIfHappened(latest, record.debrief().get().writtenAt(), now);
        }
        return latest;
    }

    private static Instant laterIfHappened(Instant latest, Instant moment, Instant now) {
        return moment.isAfter(latest) && !moment.isAfter(now) ? moment : latest;
    }

    private VEvent event(InterviewRecord record, Step step, Instant revised) {
        ZoneId zone = record.candidate().zone();
        String company = record.company().name();
        String role = record.interview().role();
        Optional<String> interviewer =
                step.contact().map(contact -> record.contact(contact).name());
        String link = configuration.getPortalBaseUrl() + "/interviews/"
                + record.interview().id().value();
        String summary =
                switch (step.kind()) {
                    case THANK_YOU ->
                        "Thank " + interviewer.orElse("your interviewer") + " at " + company + " (" + role + ")";
                    case DEBRIEF -> "Debrief: " + role + " interview at " + company;
                    case STATUS_CHECK -> "Status check " + step.sequence() + " with " + company + " (" + role + ")";
                    case THANKS_AFTER_REJECTION -> "Optional thanks to " + company + " (" + role + ")";
                    case CLOSING -> throw new IllegalArgumentException("a thread's closing is not offered");
                };
        String what =
                switch (step.kind()) {
                    case THANK_YOU ->
                        "Send " + interviewer.orElse("your interviewer") + " a short thank-you for the " + role
                                + " interview at " + company + ": one note per person you met.";
                    case DEBRIEF ->
                        "Write down how the " + role + " interview at " + company
                                + " went: what each interviewer said, their concerns, the questions left unasked."
                                + " Your agency reads it too.";
                    case STATUS_CHECK ->
                        "You may ask " + company + " where their decision on the " + role + " role stands.";
                    case THANKS_AFTER_REJECTION ->
                        "If you like, thank " + company + " for their decision on the " + role
                                + " role: a short, courteous note keeps the relationship.";
                    case CLOSING -> throw new IllegalArgumentException("a thread's closing is not offered");
                };
        String when =
                switch (step.kind()) {
                    case THANK_YOU ->
                        "Best between " + moment(step.window().ideal(), zone) + " and "
                                + moment(step.window().idealUntil(), zone)
                                + step.window()
                                        .deadline()
                                        .map(deadline -> "; at the latest " + moment(deadline, zone))
                                        .orElse("")
                                + ".";
                    case STATUS_CHECK -> "Not before " + moment(step.window().earliest(), zone) + ".";
                    case DEBRIEF, THANKS_AFTER_REJECTION ->
                        step.window()
                                .deadline()
                                .map(deadline -> "By " + moment(deadline, zone) + ".")
                                .orElse("Whenever it suits you.");
                    case CLOSING -> throw new IllegalArgumentException("a thread's closing is not offered");
                };
        String rules = step.rules().stream()
                .sorted(Comparator.comparingInt(RuleId::ordinal))
                .map(RuleId::label)
                .collect(Collectors.joining(", "));

        Instant start = step.window().earliest();
        // An open-ended window (a status check) shows as half an hour at its start.
        Instant end = step.window()
                .deadline()
                .filter(deadline -> deadline.isAfter(start))
                .orElse(start.plus(SHORT_EVENT));
        VEvent event = new VEvent();
        event.setUid("followup-" + record.interview().id().value() + "-" + step.kind() + "-" + step.sequence() + "-"
                + step.contact().map(ContactId::value).map(String::valueOf).orElse("0") + "@followup");
        event.setDateTimeStamp(Date.from(revised));
        event.setSummary(summary);
        event.setDateStart(Date.from(start));
        event.setDateEnd(Date.from(end));
        // A reminder to do something, not a meeting: the time stays free in the candidate's calendar.
        event.setTransparency(Transparency.transparent());
        event.setDescription(what + "\n" + when + " Times in " + zone.getId() + ".\nRules: " + rules + ".\n" + link);
        event.setUrl(link);
        return event;
    }

    /** "Mon 7 Dec 09:00", in the candidate's zone. */
    static String moment(Instant instant, ZoneId zone) {
        return MOMENT.format(instant.atZone(zone));
    }
}
