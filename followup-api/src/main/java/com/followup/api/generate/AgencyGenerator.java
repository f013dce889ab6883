package com.followup.api.generate;

import static java.util.Objects.requireNonNull;

import com.followup.api.OperatorException;
import com.followup.api.db.CopyRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A realistic agency, deterministic from a seed and an anchor instant ("now" for the data): interviews on weekdays in
 * office hours over the months before the anchor (and a few in the next two weeks), one to four interviewers, mostly
 * diligent candidates with a share of late thank-yous and of premature and excessive follow-ups, company reply times
 * with a long tail, and some companies that never reply.
 *
 * <p>Everything goes in through COPY, in chunks of interviews so memory stays bounded at any size; ids are assigned
 * here (COPY may write identity columns, even {@code GENERATED ALWAYS}) and the identity sequences are moved past them
 * at the end. The caller owns the transaction: nothing is committed here.
 */
public final class AgencyGenerator {
    /** How big an agency. */
    public enum Size {
        SMALL(5, 50, 12, 200),
        MEDIUM(50, 20_000, 1_000, 100_000),
        /** About a million touches. */
        LARGE(150, 60_000, 3_000, 300_000),
        /** Ten times the medium one (a million interviews), with the same book per recruiter (issue 18). */
        HUGE(500, 200_000, 10_000, 1_000_000);

        final int recruiters;
        final int candidates;
        final int companies;
        final int interviews;

        Size(int recruiters, int candidates, int companies, int interviews) {
            this.recruiters = recruiters;
            this.candidates = candidates;
            this.companies = companies;
            this.interviews = interviews;
        }

        public int recruiters() {
            return recruiters;
        }

        public int candidates() {
            return candidates;
        }

        public int companies() {
            return companies;
        }

        public int interviews() {
            return interviews;
        }
    }

    /** The password of every generated login (published: generated data is for tests and benchmarks only). */
    public static final String PASSWORD = "generated-agency";

    /**
     * Argon2id of {@link #PASSWORD}, computed once with {@code PasswordHasher} and shared by every generated user:
     * hashing 20,000 passwords would take longer than loading everything else, and a constant keeps the data
     * deterministic (a test checks that it still matches).
     */
    public static final String PASSWORD_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$ygVyZsbAUOjp4oOSM/oCWA$xvM0XlLF8HUL70X70IhW1jimucdFSwfqGYKLG2pENtY";

    /** What was written: the first ids and the row counts. */
    public record Result(
            Size size,
            long seed,
            Instant anchor,
            long firstUserId,
            long users,
            long companies,
            long contacts,
            long candidates,
            long interviews,
            long touches,
            long replies,
            long rows,
            Duration elapsed) {
        /** The generated admin's login. */
        public String adminEmail() {
            return adminEmailOf(firstUserId);
        }

        /** The first generated recruiter's login. */
        public String recruiterEmail() {
            return recruiterEmailOf(firstUserId + 1);
        }
    }

    /** Refused: the database already holds an agency and {@code append} was not asked for. */
    public static final class NotEmpty extends OperatorException {
        NotEmpty(String message) {
            super(message);
        }
    }

    private static final int CHUNK = 5_000;
    /** The parts of an interview's record the generator writes (changeset 0005 names their triggers after them). */
    private static final List<String> PARTS = List.of(
            "interview_interviewers", "timelines", "debriefs", "debrief_concerns", "touches", "replies", "outcomes");

    /**
     * The record checks of changeset 0015 that span tables, as table and trigger. Row by row they would cost the load
     * a lookup per row (a million for the large agency); off for the load, and checked once afterwards, set-based.
     */
    private static final List<String[]> RECORD_CHECKS = List.of(
            new String[] {"interviews", "interviews_have_an_interviewer"},
            new String[] {"interview_interviewers", "interview_interviewers_contact_of_the_company"},
            new String[] {"touches", "touches_contact_of_the_company"},
            new String[] {"replies", "replies_contact_of_the_company"},
            new String[] {"debrief_concerns", "debrief_concerns_contact_of_the_company"});

    private static final String[] FIRST_NAMES = {
        "Ada", "Ben", "Chloe", "Daniel", "Ella", "Farid", "Grace", "Hugo", "Isla", "Jamal", "Kate", "Liam", "Maya",
        "Noah", "Olivia", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wen", "Xavier", "Yara", "Zoe",
        "Aoife", "Bruno", "Carmen", "Dmitri", "Esther", "Femi", "Giulia", "Hana", "Ivan", "Jonas", "Kemal", "Lucia"
    };
    private static final String[] LAST_NAMES = {
        "Adams",
        "Brennan",
        "Costa",
        "Dubois",
        "Evans",
        "Fischer",
        "Garcia",
        "Hughes",
        "Ivanova",
        "Jones",
        "Kowalski",
        "Laurent",
        "Murphy",
        "Nakamura",
        "Okafor",
        "Patel",
        "Quinn",
        "Rossi",
        "Schmidt",
        "Taylor",
        "Urquhart",
        "Varga",
        "Walsh",
        "Xu",
        "Young",
        "Zielinski",
        "Ahmed",
        "Bianchi",
        "Chen",
        "Doyle",
        "Eriksen",
        "Novak",
        "Silva",
        "Moreau"
    };
    private static final String[] COMPANY_FIRST = {
        "Northwind",
        "Bluefin",
        "Harbour",
        "Copper",
        "Granite",
        "Lumen",
        "Meridian",
        "Oakridge",
        "Pioneer",
        "Quarry",
        "Redwood",
        "Silverline",
        "Tidewater",
        "Summit",
        "Vantage",
        "Westbrook",
        "Brightwater",
        "Cobalt",
        "Evergreen",
        "Foxglove",
        "Highland",
        "Ironbridge",
        "Juniper",
        "Kestrel",
        "Larkspur"
    };
    private static final String[] COMPANY_SECOND = {
        "Logistics", "Analytics", "Health", "Energy", "Software", "Foods", "Insurance", "Robotics", "Media", "Labs",
        "Retail", "Capital", "Systems", "Pharma", "Mobility", "Networks", "Studios", "Materials", "Security", "Travel"
    };
    private static final String[] COMPANY_FORM = {"Ltd", "Group", "plc", "& Co", "Holdings", "Partners", "GmbH", "SA"};
    private static final String[] ROLES = {
        "Backend engineer",
        "Data analyst",
        "Product manager",
        "Account executive",
        "UX designer",
        "Site reliability" + " engineer",
        "Financial analyst",
        "Marketing manager",
        "Operations lead",
        "QA engineer",
        "Customer success manager",
        "Data scientist",
        "Engineering manager",
        "Business analyst",
        "Frontend engineer"
    };
    private static final String[] TITLES = {
        "Talent partner", "Hiring manager", "Senior engineer", "Team lead", "Director", "Principal", "Analyst"
    };
    /**
     * Candidates' and contacts' private addresses: reserved names only (RFC 2606, RFC 6761), never a real mail
     * provider, so a generated agency on a server with real SMTP cannot mail a stranger.
     */
    private static final String[] PRIVATE_MAIL = {
        "mail.example", "inbox.example", "example.com", "example.net", "example.org"
    };

    private static final String[] ZONES = {
        "Europe/London",
        "Europe/London",
        "Europe/London",
        "Europe/London",
        "Europe/London",
        "Europe/London",
        "Europe/Dublin",
        "Europe/Paris",
        "Europe/Berlin",
        "America/New_York"
    };
    private static final Duration DEFAULT_SPACING = Duration.ofDays(14);

    /** How a candidate follows up: most are diligent. */
    private enum Habit {
        DILIGENT,
        AVERAGE,
        CARELESS
    }

    /** What the generator remembers of a company while it writes interviews. */
    private record Company(
            long id,
            long firstContact,
            int contacts,
            boolean doesNotReply,
            double replyChance,
            double decideChance,
            Duration spacing,
            String domain) {}

    /** What it remembers of a candidate. */
    private record Person(long id, long userId, ZoneId zone, Habit habit) {}

    private final SplittableRandom random;
    private final Size size;
    private final long seed;
    private final Instant anchor;

    private long nextTouch;
    private long nextReply;
    private final List<String> contactEmails = new ArrayList<>();
    private final List<String> contactPhones = new ArrayList<>();
    private final List<String> contactLinkedIn = new ArrayList<>();

    private AgencyGenerator(Size size, long seed, Instant anchor) {
        this.size = requireNonNull(size, "size is null");
        this.seed = seed;
        this.anchor = requireNonNull(anchor, "anchor is null").truncatedTo(ChronoUnit.MINUTES);
        this.random = new SplittableRandom(seed);
    }

    /**
     * Writes an agency of {@code size} inside {@code connection}'s transaction (auto-commit must be off). Refuses a
     * database that already has users or candidates unless {@code append}; appended agencies get fresh ids, e-mails
     * and company names.
     */
    public static Result generate(Connection connection, Size size, long seed, Instant anchor, boolean append)
            throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalArgumentException("the generator writes inside the caller's transaction");
        }
        return new AgencyGenerator(size, seed, anchor).write(connection, append);
    }

    private Result write(Connection connection, boolean append) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            // One generator at a time; a concurrent API write gets ids after ours once the sequences move.
            statement.execute("LOCK TABLE users, companies, contacts, candidates, interviews, touches, replies"
                    + " IN SHARE ROW EXCLUSIVE MODE");
        }
        if (!append && (maxId(connection, "users") > 0 || maxId(connection, "candidates") > 0)) {
            throw new NotEmpty("The database already has users or candidates; use --append to add a generated"
                    + " agency next to them.");
        }
        long userBase = maxId(connection, "users");
        long companyBase = maxId(connection, "companies");
        long contactBase = maxId(connection, "contacts");
        long candidateBase = maxId(connection, "candidates");
        long interviewBase = maxId(connection, "interviews");
        nextTouch = maxId(connection, "touches") + 1;
        nextReply = maxId(connection, "replies") + 1;

        Instant createdAt = anchor.minus(200, ChronoUnit.DAYS);
        CopyRows users = new CopyRows("users", "id, email, display_name, role, password_hash, created_at");
        long adminId = userBase + 1;
        users.field(adminId)
                .field(adminEmailOf(adminId))
                .field("Adele Admin")
                .field("ADMIN")
                .field(PASSWORD_HASH)
                .field(createdAt)
                .end();
        long[] recruiterIds = new long[size.recruiters];
        for (int index = 0; index < size.recruiters; index++) {
            long id = adminId + 1 + index;
            recruiterIds[index] = id;
            users.field(id)
                    .field(recruiterEmailOf(id))
                    .field(name() + " (recruiter)")
                    .field("RECRUITER")
                    .field(PASSWORD_HASH)
                    .field(createdAt)
                    .end();
        }
        long candidateUserBase = adminId + size.recruiters;

        // Companies and their contacts.
        CopyRows companyRows = new CopyRows(
                "companies", "id, name, spacing, status_check_limit, preferred_channel, does_not_reply, created_at");
        CopyRows contacts = new CopyRows(
                "contacts",
                "id, company_id, name, title, role, business_email, business_phone, linkedin_url, created_at");
        Company[] companies = new Company[size.companies];
        long contactId = contactBase;
        for (int index = 0; index < size.companies; index++) {
            long id = companyBase + 1 + index;
            String name = companyName(id);
            String domain =
                    name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "") + ".example";
            // One company in twenty never replies (R18), even in the smallest agency; one in eight rarely does.
            boolean doesNotReply = index % 20 == 7;
            boolean ghosts = !doesNotReply && random.nextDouble() < 0.12;
            Duration spacing = random.nextDouble() < 0.08 ? Duration.ofDays(random.nextInt(7, 22)) : null;
            Integer limit = random.nextDouble() < 0.04 ? random.nextInt(1, 4) : null;
            String channel = random.nextDouble() < 0.04 ? "PHONE" : null;
            companyRows
                    .field(id)
                    .field(name)
                    .field(spacing == null ? null : spacing.toDays() + " days")
                    .field(limit)
                    .field(channel)
                    .field(doesNotReply)
                    .field(createdAt)
                    .end();
            int contactCount = random.nextInt(4, 13);
            long firstContact = contactId + 1;
            for (int position = 0; position < contactCount; position++) {
                contactId++;
                String first = pick(FIRST_NAMES);
                String last = pick(LAST_NAMES);
                String email = (first + "." + last + "." + contactId).toLowerCase(Locale.ROOT) + "@" + domain;
                String phone = random.nextDouble() < 0.8
                        ? String.format(Locale.ROOT, "+44 20 7%03d %04d", contactId / 10_000 % 1000, contactId % 10_000)
                        : null;
                String linkedIn = random.nextDouble() < 0.6
                        ? "https://www.linkedin.com/in/" + (first + "-" + last).toLowerCase(Locale.ROOT) + "-"
                                + contactId
                        : null;
                contactEmails.add(email);
                contactPhones.add(phone);
                contactLinkedIn.add(linkedIn);
                contacts.field(contactId)
                        .field(id)
                        .field(first + " " + last)
                        .field(position == 0 ? "Talent partner" : pick(TITLES))
                        .field(position == 0 ? "RECRUITER" : position == 1 ? "HIRING_MANAGER" : "INTERVIEWER")
                        .field(email)
                        .field(phone)
                        .field(linkedIn)
                        .field(createdAt)
                        .end();
            }
            companies[index] = new Company(
                    id,
                    firstContact,
                    contactCount,
                    doesNotReply,
                    doesNotReply ? 0 : ghosts ? 0.12 : 0.7,
                    doesNotReply ? 0.15 : ghosts ? 0.25 : 0.6,
                    spacing == null ? DEFAULT_SPACING : spacing,
                    domain);
        }
        this.contactBase = contactBase;

        // Candidates, each with a login and a recruiter.
        CopyRows candidates = new CopyRows("candidates", "id, user_id, name, email, zone, created_at");
        CopyRows assignments = new CopyRows("recruiter_assignments", "candidate_id, recruiter_id, assigned_at");
        Person[] people = new Person[size.candidates];
        for (int index = 0; index < size.candidates; index++) {
            long id = candidateBase + 1 + index;
            long userId = candidateUserBase + 1 + index;
            String first = pick(FIRST_NAMES);
            String last = pick(LAST_NAMES);
            String email = (first + "." + last + "." + id).toLowerCase(Locale.ROOT) + "@" + pick(PRIVATE_MAIL);
            ZoneId zone = ZoneId.of(pick(ZONES));
            double habit = random.nextDouble();
            people[index] = new Person(
                    id, userId, zone, habit < 0.7 ? Habit.DILIGENT : habit < 0.92 ? Habit.AVERAGE : Habit.CARELESS);
            users.field(userId)
                    .field(email)
                    .field(first + " " + last)
                    .field("CANDIDATE")
                    .field(PASSWORD_HASH)
                    .field(createdAt)
                    .end();
            candidates
                    .field(id)
                    .field(userId)
                    .field(first + " " + last)
                    .field(email)
                    .field(zone.getId())
                    .field(createdAt)
                    .end();
            assignments
                    .field(id)
                    .field(recruiterIds[index % recruiterIds.length])
                    .field(createdAt)
                    .end();
        }
        users.flush(connection);
        companyRows.flush(connection);
        contacts.flush(connection);
        candidates.flush(connection);
        assignments.flush(connection);

        // The triggers that mark plan summaries stale when an interview's parts change have nothing to do here: every
        // generated interview's summary starts unevaluated. Off for this transaction only (ALTER TABLE is
        // transactional, and the tables are locked); the one on interviews stays, it creates the summary rows.
        try (Statement statement = connection.createStatement()) {
            for (String part : PARTS) {
                statement.execute("ALTER TABLE " + part + " DISABLE TRIGGER plan_summaries_" + part + "_inserted");
            }
            for (String[] check : RECORD_CHECKS) {
                statement.execute("ALTER TABLE " + check[0] + " DISABLE TRIGGER " + check[1]);
            }
        }
        Tables tables = new Tables();
        for (int index = 0; index < size.interviews; index++) {
            Person person = people[random.nextInt(people.length)];
            // A few companies hire a lot: a skewed pick.
            Company company = companies[(int) (companies.length * Math.pow(random.nextDouble(), 2.2))];
            interview(tables, interviewBase + 1 + index, person, company);
            if ((index + 1) % CHUNK == 0) {
                tables.flush(connection);
            }
        }
        tables.flush(connection);

        try (Statement statement = connection.createStatement()) {
            for (String part : PARTS) {
                statement.execute("ALTER TABLE " + part + " ENABLE TRIGGER plan_summaries_" + part + "_inserted");
            }
            for (String[] check : RECORD_CHECKS) {
                statement.execute("ALTER TABLE " + check[0] + " ENABLE TRIGGER " + check[1]);
            }
            requireRecordChecks(statement, interviewBase);
            for (String table :
                    List.of("users", "companies", "contacts", "candidates", "interviews", "touches", "replies")) {
                statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'),"
                        + " GREATEST((SELECT max(id) FROM " + table + "), 1))");
            }
            // Fresh statistics, or the planner guesses from an empty table for the first minutes.
            statement.execute("ANALYZE");
        }
        long rows = users.rows()
                + companyRows.rows()
                + contacts.rows()
                + candidates.rows()
                + assignments.rows()
                + tables.rows();
        return new Result(
                size,
                seed,
                anchor,
                adminId,
                users.rows(),
                companyRows.rows(),
                contacts.rows(),
                candidates.rows(),
                tables.interviews.rows(),
                tables.touches.rows(),
                tables.replies.rows(),
                rows,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private long contactBase;

    /** The interview-level tables, flushed chunk by chunk in foreign-key order. */
    private static final class Tables {
        final CopyRows interviews = new CopyRows(
                "interviews", "id, candidate_id, company_id, role, starts_at, ends_at, format, round, created_at");
        final CopyRows interviewers = new CopyRows("interview_interviewers", "interview_id, contact_id, position");
        final CopyRows timelines = new CopyRows(
                "timelines", "interview_id, decision_date, preferred_channel, preferred_spacing, recorded_at");
        final CopyRows debriefs = new CopyRows("debriefs", "interview_id, notes, unasked_questions, written_at");
        final CopyRows concerns = new CopyRows("debrief_concerns", "interview_id, contact_id, position, concern");
        final CopyRows touches = new CopyRows(
                "touches",
                "id, interview_id, kind, channel, recipient_id, address, sent_at, subject, text, created_by,"
                        + " created_at");
        final CopyRows replies = new CopyRows(
                "replies",
                "id, interview_id, from_contact_id, received_at, kind, new_decision_date, created_by, created_at");
        final CopyRows outcomes = new CopyRows("outcomes", "interview_id, kind, at");

        List<CopyRows> inOrder() {
            return List.of(interviews, interviewers, timelines, debriefs, concerns, touches, replies, outcomes);
        }

        void flush(Connection connection) throws SQLException {
            for (CopyRows rows : inOrder()) {
                rows.flush(connection);
            }
        }

        long rows() {
            return inOrder().stream().mapToLong(CopyRows::rows).sum();
        }
    }

    private void interview(Tables tables, long id, Person person, Company company) {
        // A weekday in the last six months (or the next two weeks), in office hours in the candidate's zone.
        LocalDate anchorDate = anchor.atZone(person.zone()).toLocalDate();
        LocalDate day = anchorDate.plusDays(random.nextInt(-182, 15));
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        LocalTime time = LocalTime.of(random.nextInt(9, 17), 15 * random.nextInt(4));
        Instant start = ZonedDateTime.of(day, time, person.zone()).toInstant();
        int minutes = new int[] {30, 45, 60, 60, 60, 90}[random.nextInt(6)];
        Instant end = start.plus(minutes, ChronoUnit.MINUTES);
        double formatDraw = random.nextDouble();
        String format = formatDraw < 0.5 ? "VIDEO" : formatDraw < 0.8 ? "ON_SITE" : "PHONE";
        double roundDraw = random.nextDouble();
        int round = roundDraw < 0.6 ? 1 : roundDraw < 0.9 ? 2 : 3;
        Instant scheduledAt = start.minus(random.nextInt(2, 15), ChronoUnit.DAYS);
        tables.interviews
                .field(id)
                .field(person.id())
                .field(company.id())
                .field(pick(ROLES))
                .field(start)
                .field(end)
                .field(format)
                .field(round)
                .field(scheduledAt.isAfter(anchor) ? anchor : scheduledAt)
                .end();

        // One to four interviewers from the hiring manager and interviewers (not the company's recruiter).
        double countDraw = random.nextDouble();
        int wanted = countDraw < 0.35 ? 1 : countDraw < 0.7 ? 2 : countDraw < 0.9 ? 3 : 4;
        int available = company.contacts() - 1;
        int count = Math.min(wanted, available);
        long[] interviewers = new long[count];
        int offset = random.nextInt(available);
        for (int position = 0; position < count; position++) {
            interviewers[position] = company.firstContact() + 1 + (offset + position) % available;
            tables.interviewers
                    .field(id)
                    .field(interviewers[position])
                    .field(position)
                    .end();
        }

        Habit habit = person.habit();
        double diligence =
                switch (habit) {
                    case DILIGENT -> 0.0;
                    case AVERAGE -> 0.5;
                    case CARELESS -> 1.0;
                };

        // R5: the timeline learned at the close.
        LocalDate decisionDate = null;
        Duration preferredSpacing = null;
        if (random.nextDouble() < 0.8 - 0.35 * diligence) {
            decisionDate = end.atZone(person.zone()).toLocalDate().plusDays(random.nextInt(3, 15));
            String channel = random.nextDouble() < 0.04 ? "PHONE" : null;
            preferredSpacing = random.nextDouble() < 0.05 ? Duration.ofDays(random.nextInt(7, 22)) : null;
            Instant recordedAt = end.plus(random.nextInt(5, 120), ChronoUnit.MINUTES);
            tables.timelines
                    .field(id)
                    .field(decisionDate)
                    .field(channel)
                    .field(preferredSpacing == null ? null : preferredSpacing.toDays() + " days")
                    .field(recordedAt.isAfter(anchor) ? anchor : recordedAt)
                    .end();
        }
        if (!end.isBefore(anchor)) {
            return; // Not over yet: nothing else has happened.
        }

        // R4/R20: the debrief, usually the same evening.
        if (random.nextDouble() < 0.95 - 0.45 * diligence) {
            Instant writtenAt = random.nextDouble() < 0.1 + 0.25 * diligence
                    ? end.plus(random.nextInt(25, 72), ChronoUnit.HOURS)
                    : end.plus(random.nextInt(20, 20 * 60), ChronoUnit.MINUTES);
            if (writtenAt.isBefore(anchor)) {
                tables.debriefs
                        .field(id)
                        .field("Talked through the role and the team; questions on "
                                + pick(ROLES).toLowerCase(Locale.ROOT) + " work and the first ninety days.")
                        .field(random.nextDouble() < 0.3 ? "{\"How is the team measured?\"}" : "{}")
                        .field(writtenAt)
                        .end();
                if (random.nextDouble() < 0.3) {
                    tables.concerns
                            .field(id)
                            .field(interviewers[0])
                            .field(0)
                            .field("Wanted more depth on recent project work")
                            .end();
                }
            }
        }

        // R1-R3: a thank-you to each interviewer.
        Instant lastThanks = null;
        for (long interviewer : interviewers) {
            if (random.nextDouble() > 0.97 - 0.3 * diligence) {
                continue;
            }
            double timing = random.nextDouble();
            Instant sentAt;
            if (timing < 0.04 + 0.06 * diligence) {
                sentAt = end.plus(random.nextInt(10, 110), ChronoUnit.MINUTES); // early
            } else if (timing < 0.06 + 0.22 * diligence) {
                sentAt = end.plus(random.nextInt(49, 120), ChronoUnit.HOURS); // late: R1
            } else if (timing < 0.15 + 0.3 * diligence) {
                sentAt = end.plus(random.nextInt(24, 47), ChronoUnit.HOURS); // acceptable
            } else {
                sentAt = end.plus(random.nextInt(120, 20 * 60), ChronoUnit.MINUTES); // ideal
            }
            if (sentAt.isAfter(anchor)) {
                continue;
            }
            String channel = "EMAIL";
            String address = address(interviewer, person, 0.01 + 0.03 * diligence);
            boolean withText = random.nextDouble() < 0.2;
            touch(
                    tables,
                    id,
                    "THANK_YOU",
                    channel,
                    interviewer,
                    address,
                    sentAt,
                    person,
                    withText ? "Thank you" : null,
                    withText
                            ? "Thank you for your time today. I enjoyed hearing about the team's plans and I am"
                                    + " keen on the role. I am happy to share references."
                            : null);
            lastThanks = lastThanks == null || sentAt.isAfter(lastThanks) ? sentAt : lastThanks;
        }
        if (random.nextDouble() < 0.2 && contactLinkedIn.get((int) (interviewers[0] - contactBase - 1)) != null) {
            Instant sentAt = end.plus(random.nextInt(3, 72), ChronoUnit.HOURS);
            if (sentAt.isBefore(anchor)) {
                touch(
                        tables,
                        id,
                        "LINKEDIN_CONNECTION",
                        "LINKEDIN",
                        interviewers[0],
                        contactLinkedIn.get((int) (interviewers[0] - contactBase - 1)),
                        sentAt,
                        person,
                        null,
                        null);
            }
        }
        if (random.nextDouble() < 0.015 * diligence) {
            // R13: the rare gift or friend request.
            Instant sentAt = end.plus(random.nextInt(1, 5), ChronoUnit.DAYS);
            if (sentAt.isBefore(anchor)) {
                boolean gift = random.nextBoolean();
                touch(
                        tables,
                        id,
                        gift ? "GIFT" : "FACEBOOK_FRIEND_REQUEST",
                        gift ? "PARCEL" : "FACEBOOK",
                        interviewers[0],
                        gift ? "office" : "facebook",
                        sentAt,
                        person,
                        null,
                        null);
            }
        }

        thread(
                tables,
                id,
                person,
                company,
                end,
                lastThanks == null ? end : lastThanks,
                decisionDate,
                preferredSpacing,
                interviewers,
                diligence);
    }

    /** R6-R9, R18: status checks, the company's replies (with a long tail) and the decision. */
    private void thread(
            Tables tables,
            long id,
            Person person,
            Company company,
            Instant end,
            Instant thanks,
            LocalDate decisionDate,
            Duration preferredSpacing,
            long[] interviewers,
            double diligence) {
        Duration spacing = preferredSpacing != null ? preferredSpacing : company.spacing();
        long hiringManager = company.firstContact() + 1;
        long companyRecruiter = company.firstContact();
        // When the company decides on its own, if it does: a log-normal delay, median ten days, long tail.
        Instant decidesAt = random.nextDouble() < company.decideChance()
                ? end.plus(logNormalHours(240, 0.8), ChronoUnit.HOURS)
                : null;
        Instant anchorOrDecision = decidesAt == null || decidesAt.isAfter(anchor) ? anchor : decidesAt;

        Instant due = decisionDate != null ? nextBusinessMorning(decisionDate, person.zone()) : thanks.plus(spacing);
        int unanswered = 0;
        int sent = 0;
        Instant lastContact = thanks;
        while (sent < 6) {
            Instant at;
            double draw = random.nextDouble();
            if (draw < 0.03 + 0.25 * diligence) {
                // Premature (R6) or too soon after the last one (R7).
                at = due.minus(random.nextInt(2, 7), ChronoUnit.DAYS);
                if (!at.isAfter(lastContact)) {
                    at = lastContact.plus(random.nextInt(1, 3), ChronoUnit.DAYS);
                }
            } else {
                at = due.plus(random.nextInt(0, 72), ChronoUnit.HOURS);
            }
            if (!at.isBefore(anchorOrDecision)) {
                break;
            }
            if (unanswered >= 2) {
                // R8: a diligent candidate stops after two unanswered status checks; a careless one sometimes does not.
                if (random.nextDouble() > 0.05 + 0.5 * diligence) {
                    break;
                }
            }
            boolean phone = sent > 0
                    && random.nextDouble() < 0.2
                    && contactPhones.get((int) (companyRecruiter - contactBase - 1)) != null;
            touch(
                    tables,
                    id,
                    "STATUS_CHECK",
                    phone ? "PHONE" : "EMAIL",
                    companyRecruiter,
                    phone
                            ? contactPhones.get((int) (companyRecruiter - contactBase - 1))
                            : address(companyRecruiter, person, 0.005),
                    at,
                    person,
                    phone ? null : "Following up on my interview",
                    null);
            sent++;
            unanswered++;
            lastContact = at;
            due = at.plus(spacing);
            if (random.nextDouble() < company.replyChance()) {
                Instant repliedAt = at.plus(logNormalHours(30, 1.1), ChronoUnit.HOURS);
                if (repliedAt.isBefore(anchorOrDecision)) {
                    double kind = random.nextDouble();
                    if (kind < 0.2) {
                        decidesAt = repliedAt;
                        anchorOrDecision = repliedAt;
                        break;
                    }
                    LocalDate newDate = kind < 0.45
                            ? repliedAt.atZone(person.zone()).toLocalDate().plusDays(random.nextInt(3, 12))
                            : null;
                    reply(
                            tables,
                            id,
                            random.nextBoolean() ? companyRecruiter : hiringManager,
                            repliedAt,
                            newDate == null ? "ACKNOWLEDGEMENT" : "UPDATE",
                            newDate,
                            person);
                    unanswered = 0;
                    lastContact = repliedAt;
                    if (newDate != null) {
                        due = nextBusinessMorning(newDate, person.zone());
                    } else {
                        due = repliedAt.plus(spacing);
                    }
                }
            }
        }
        if (decidesAt != null && !decidesAt.isAfter(anchor)) {
            reply(tables, id, hiringManager, decidesAt, "DECISION", null, person);
            double kind = random.nextDouble();
            String outcome =
                    kind < 0.25 ? "OFFER" : kind < 0.85 ? "REJECTION" : kind < 0.97 ? "NEXT_ROUND" : "WITHDRAWN";
            tables.outcomes.field(id).field(outcome).field(decidesAt).end();
            if (outcome.equals("REJECTION") && random.nextDouble() < 0.35 - 0.25 * diligence) {
                Instant sentAt = decidesAt.plus(random.nextInt(2, 40), ChronoUnit.HOURS);
                if (sentAt.isBefore(anchor)) {
                    touch(
                            tables,
                            id,
                            "THANKS_AFTER_REJECTION",
                            "EMAIL",
                            interviewers[0],
                            address(interviewers[0], person, 0),
                            sentAt,
                            person,
                            "Thank you",
                            null);
                }
            }
        }
    }

    private void touch(
            Tables tables,
            long interview,
            String kind,
            String channel,
            long recipient,
            String address,
            Instant sentAt,
            Person person,
            String subject,
            String text) {
        tables.touches
                .field(nextTouch++)
                .field(interview)
                .field(kind)
                .field(channel)
                .field(recipient)
                .field(address)
                .field(sentAt)
                .field(subject)
                .field(text)
                .field(person.userId())
                .field(sentAt.plus(random.nextInt(1, 600), ChronoUnit.MINUTES).isAfter(anchor) ? anchor : sentAt)
                .end();
    }

    private void reply(
            Tables tables, long interview, long from, Instant at, String kind, LocalDate newDate, Person person) {
        tables.replies
                .field(nextReply++)
                .field(interview)
                .field(from)
                .field(at)
                .field(kind)
                .field(newDate)
                .field(person.userId())
                .field(at)
                .end();
    }

    /** The contact's business address, or now and then a private one the company did not give (R12). */
    private String address(long contact, Person person, double privateChance) {
        String business = contactEmails.get((int) (contact - contactBase - 1));
        if (random.nextDouble() < privateChance) {
            return business.substring(0, business.indexOf('@')) + "@" + pick(PRIVATE_MAIL);
        }
        return business;
    }

    private long logNormalHours(double medianHours, double sigma) {
        double hours = medianHours * Math.exp(sigma * gaussian());
        return Math.max(1, Math.min((long) hours, 24L * 120));
    }

    private double gaussian() {
        // Box-Muller from the seeded generator, so the data stays reproducible.
        double first = 1.0 - random.nextDouble();
        double second = random.nextDouble();
        return Math.sqrt(-2 * Math.log(first)) * Math.cos(2 * Math.PI * second);
    }

    private static Instant nextBusinessMorning(LocalDate date, ZoneId zone) {
        LocalDate day = date.plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return ZonedDateTime.of(day, LocalTime.of(9, 0), zone).toInstant();
    }

    private String name() {
        return pick(FIRST_NAMES) + " " + pick(LAST_NAMES);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Distinct for every id, so appended agencies never collide with earlier company names. */
    static String companyName(long id) {
        long index = id - 1;
        String name = COMPANY_FIRST[(int) (index % COMPANY_FIRST.length)] + " "
                + COMPANY_SECOND[(int) (index / COMPANY_FIRST.length % COMPANY_SECOND.length)] + " "
                + COMPANY_FORM[(int) (index / (COMPANY_FIRST.length * COMPANY_SECOND.length) % COMPANY_FORM.length)];
        long round = index / ((long) COMPANY_FIRST.length * COMPANY_SECOND.length * COMPANY_FORM.length);
        return round == 0 ? name : name + " " + (round + 1);
    }

    static String adminEmailOf(long id) {
        return "admin." + id + "@agency.example";
    }

    static String recruiterEmailOf(long id) {
        return "recruiter." + id + "@agency.example";
    }

    private static long maxId(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT coalesce(max(id), 0) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** What the record-check triggers would have refused, for the interviews just generated: none, or a bug here. */
    private static void requireRecordChecks(Statement statement, long interviewBase) throws SQLException {
        try (ResultSet rows = statement.executeQuery(
                """
                SELECT count(*) FILTER (WHERE NOT EXISTS (
                           SELECT 1 FROM interview_interviewers x WHERE x.interview_id = i.id)),
                       count(*) FILTER (WHERE EXISTS (
                           SELECT 1
                             FROM (SELECT contact_id FROM interview_interviewers WHERE interview_id = i.id
                                   UNION ALL SELECT recipient_id FROM touches WHERE interview_id = i.id
                                   UNION ALL SELECT from_contact_id FROM replies WHERE interview_id = i.id
                                   UNION ALL SELECT contact_id FROM debrief_concerns WHERE interview_id = i.id)
                                  AS named (contact_id)
                             JOIN contacts c ON c.id = named.contact_id
                            WHERE c.company_id <> i.company_id))
                  FROM interviews i
                 WHERE i.id > """
                        + interviewBase)) {
            rows.next();
            if (rows.getLong(1) > 0 || rows.getLong(2) > 0) {
                throw new IllegalStateException("the generator wrote " + rows.getLong(1)
                        + " interviews without an interviewer and " + rows.getLong(2)
                        + " naming a contact of another company (changeset 0015)");
            }
        }
    }
}
