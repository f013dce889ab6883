package com.followup.reports.testing;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.postgresql.PGConnection;

/**
 * Interviews, touches and replies for report tests and the benchmark, from a fixed seed: the same seed gives the same
 * rows. Rows go in with COPY through staging tables (the real tables have identity columns COPY cannot fill), so a
 * million touches load in seconds. Times are whole seconds and often land exactly on a rule's boundary (48 h, the
 * ideal window, the spacing) to test the inclusive ends.
 */
public final class ReportDataGenerator {
    private static final String[] ZONES = {"Europe/London", "America/New_York", "Europe/Berlin", "Asia/Tokyo"};
    private static final String[] STATUS_CHANNELS = {"EMAIL", "EMAIL", "EMAIL", "PHONE", "LINKEDIN", "TEXT_MESSAGE"};
    private static final String[] REPLY_KINDS = {"ACKNOWLEDGEMENT", "UPDATE", "DECISION", "REQUEST"};
    private static final String[] OUTCOMES = {"OFFER", "REJECTION", "WITHDRAWN", "NEXT_ROUND"};

    /** How much to generate; interviews end between {@code from} and {@code until}. */
    public record Size(int recruiters, int candidates, int companies, int interviews, Instant from, Instant until) {
        public Size {
            requireNonNull(from, "from is null");
            requireNonNull(until, "until is null");
        }
    }

    private final Random random;
    private final Size size;
    private final Map<String, StringBuilder> smallTables = new LinkedHashMap<>();
    private long nextContact = 1;
    private long nextTouch = 1;
    private long nextReply = 1;
    private long createdBy;
    private final Map<Long, String> emails = new HashMap<>();

    /** What was generated: ids a test needs. */
    public record Generated(List<Long> recruiterIds, long adminId, long touches, long interviews) {}

    public ReportDataGenerator(long seed, Size size) {
        this.random = new Random(seed);
        this.size = requireNonNull(size, "size is null");
    }

    public Generated insert(Connection connection) throws SQLException, IOException {
        Path directory = Files.createTempDirectory("followup-report-data");
        try {
            return insert(connection, directory);
        } finally {
            try (java.util.stream.Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }

    private Generated insert(Connection connection, Path directory) throws SQLException, IOException {
        long userBase = maxId(connection, "users");
        long candidateBase = maxId(connection, "candidates");
        long companyBase = maxId(connection, "companies");
        long interviewBase = maxId(connection, "interviews");
        nextContact = maxId(connection, "contacts") + 1;
        nextTouch = maxId(connection, "touches") + 1;
        nextReply = maxId(connection, "replies") + 1;

        StringBuilder users = table("users");
        long adminId = userBase + 1;
        createdBy = adminId;
        users.append(adminId)
                .append(",admin")
                .append(adminId)
                .append("@agency.example,Admin ")
                .append(adminId)
                .append(",ADMIN,x\n");
        List<Long> recruiterIds = new ArrayList<>();
        for (int index = 0; index < size.recruiters(); index++) {
            long id = userBase + 2 + index;
            recruiterIds.add(id);
            users.append(id)
                    .append(",recruiter")
                    .append(id)
                    .append("@agency.example,Recruiter ")
                    .append(id)
                    .append(",RECRUITER,x\n");
        }

        StringBuilder candidates = table("candidates");
        StringBuilder assignments = table("recruiter_assignments");
        String[] candidateZones = new String[size.candidates()];
        for (int index = 0; index < size.candidates(); index++) {
            long id = candidateBase + 1 + index;
            candidateZones[index] = ZONES[random.nextInt(ZONES.length)];
            candidates
                    .append(id)
                    .append(",Candidate ")
                    .append(id)
                    .append(",candidate")
                    .append(id)
                    .append("@mail.example,")
                    .append(candidateZones[index])
                    .append('\n');
            int first = random.nextInt(recruiterIds.size());
            assignments.append(id).append(',').append(recruiterIds.get(first)).append('\n');
            if (random.nextInt(10) == 0 && recruiterIds.size() > 1) {
                int second = (first + 1) % recruiterIds.size();
                assignments
                        .append(id)
                        .append(',')
                        .append(recruiterIds.get(second))
                        .append('\n');
            }
        }

        StringBuilder companies = table("companies");
        StringBuilder contacts = table("contacts");
        List<List<long[]>> contactsByCompany = new ArrayList<>();
        for (int index = 0; index < size.companies(); index++) {
            long id = companyBase + 1 + index;
            String spacing = random.nextInt(4) == 0 ? "7 days" : "";
            String limit = random.nextInt(5) == 0 ? "3" : "";
            String channel = random.nextInt(6) == 0 ? "PHONE" : "";
            boolean doesNotReply = random.nextInt(7) == 0;
            companies
                    .append(id)
                    .append(",Company ")
                    .append(id)
                    .append(',')
                    .append(spacing)
                    .append(',')
                    .append(limit)
                    .append(',')
                    .append(channel)
                    .append(',')
                    .append(doesNotReply)
                    .append('\n');
            List<long[]> mine = new ArrayList<>();
            int count = 3 + random.nextInt(3);
            for (int contactIndex = 0; contactIndex < count; contactIndex++) {
                long contactId = nextContact++;
                String role = contactIndex == 0 ? "HIRING_MANAGER" : contactIndex == 1 ? "RECRUITER" : "INTERVIEWER";
                boolean phone = random.nextBoolean();
                boolean linkedIn = random.nextBoolean();
                contacts.append(contactId)
                        .append(',')
                        .append(id)
                        .append(",Contact ")
                        .append(contactId)
                        .append(',')
                        .append(role)
                        .append(",person")
                        .append(contactId)
                        .append("@company")
                        .append(id)
                        .append(".example,")
                        .append(phone ? "+44 20 7946 " + (1000 + contactId % 9000) : "")
                        .append(',')
                        .append(linkedIn ? "https://www.linkedin.com/in/person" + contactId : "")
                        .append('\n');
                emails.put(contactId, "person" + contactId + "@company" + id + ".example");
                mine.add(new long[] {contactId, phone ? 1 : 0, linkedIn ? 1 : 0});
            }
            contactsByCompany.add(mine);
        }

        Path interviews = directory.resolve("interviews.csv");
        Path interviewers = directory.resolve("interview_interviewers.csv");
        Path timelines = directory.resolve("timelines.csv");
        Path debriefs = directory.resolve("debriefs.csv");
        Path touches = directory.resolve("touches.csv");
        Path replies = directory.resolve("replies.csv");
        Path outcomes = directory.resolve("outcomes.csv");
        long touchCount = 0;
        try (Writer interviewOut = writer(interviews);
                Writer interviewerOut = writer(interviewers);
                Writer timelineOut = writer(timelines);
                Writer debriefOut = writer(debriefs);
                Writer touchOut = writer(touches);
                Writer replyOut = writer(replies);
                Writer outcomeOut = writer(outcomes)) {
            long span = Duration.between(size.from(), size.until()).toSeconds();
            for (int index = 0; index < size.interviews(); index++) {
                long interviewId = interviewBase + 1 + index;
                int candidateIndex = random.nextInt(size.candidates());
                long candidateId = candidateBase + 1 + candidateIndex;
                int companyIndex = random.nextInt(size.companies());
                long companyId = companyBase + 1 + companyIndex;
                List<long[]> companyContacts = contactsByCompany.get(companyIndex);
                // Whole minutes mostly, sometimes a second off, so boundaries are hit and just missed.
                Instant end = size.from().plusSeconds(random.nextLong(span / 60) * 60);
                Instant start = end.minus(Duration.ofMinutes(30 + random.nextInt(90)));
                interviewOut
                        .append(Long.toString(interviewId))
                        .append(',')
                        .append(Long.toString(candidateId))
                        .append(',')
                        .append(Long.toString(companyId))
                        .append(",Engineer,")
                        .append(text(start))
                        .append(',')
                        .append(text(end))
                        .append(",VIDEO,1\n");

                List<long[]> met = new ArrayList<>();
                int interviewerCount = 1 + random.nextInt(Math.min(3, companyContacts.size()));
                int offset = random.nextInt(companyContacts.size());
                for (int position = 0; position < interviewerCount; position++) {
                    long[] contact = companyContacts.get((offset + position) % companyContacts.size());
                    met.add(contact);
                    interviewerOut
                            .append(Long.toString(interviewId))
                            .append(',')
                            .append(Long.toString(contact[0]))
                            .append(',')
                            .append(Integer.toString(position))
                            .append('\n');
                }

                LocalDate endDay = LocalDate.ofInstant(end, ZoneId.of(candidateZones[candidateIndex]));
                LocalDate decisionDate = null;
                if (random.nextInt(10) < 7) {
                    if (random.nextInt(3) > 0) {
                        decisionDate = endDay.plusDays(random.nextInt(12));
                    }
                    String channel = random.nextInt(8) == 0 ? "PHONE" : "";
                    String spacing = random.nextInt(8) == 0 ? "10 days" : "";
                    timelineOut
                            .append(Long.toString(interviewId))
                            .append(',')
                            .append(decisionDate == null ? "" : decisionDate.toString())
                            .append(',')
                            .append(channel)
                            .append(',')
                            .append(spacing)
                            .append('\n');
                }
                if (random.nextInt(10) < 8) {
                    Instant writtenAt = end.plusSeconds(pick(new long[] {600, 3600 * 5, 86400, 86401, 3600 * 30}));
                    debriefOut
                            .append(Long.toString(interviewId))
                            .append(",notes,")
                            .append(text(writtenAt))
                            .append('\n');
                }

                // Thank-yous: one per interviewer, mostly; on the R1 and R2 boundaries now and then.
                for (long[] contact : met) {
                    int dice = random.nextInt(10);
                    if (dice < 8) {
                        long after = pick(new long[] {
                            1800, 7200, 7199, 3600 * 6, 3600 * 20, 3600 * 30, 172800, 172801, 3600 * 60, 3600 * 3
                        });
                        String[] channelAndAddress = address(random.nextInt(12) == 0 ? "GMAIL" : "EMAIL", contact);
                        touchOut.append(touch(interviewId, "THANK_YOU", channelAndAddress, end.plusSeconds(after)));
                        touchCount++;
                        if (random.nextInt(6) == 0) {
                            // A second note to the same person: only the first counts for the step.
                            touchOut.append(touch(
                                    interviewId,
                                    "THANK_YOU",
                                    address("EMAIL", contact),
                                    end.plusSeconds(after + 3600)));
                            touchCount++;
                        }
                    }
                }

                // The thread: status checks, extra information, replies, at days that sometimes equal the spacing.
                int checks = random.nextInt(5);
                Instant moment = end.plus(Duration.ofDays(2));
                for (int check = 0; check < checks; check++) {
                    moment = moment.plusSeconds(pick(
                            new long[] {86400L * 3, 86400L * 7, 86400L * 14, 86400L * 14 - 1, 86400L * 20, 86400L * 10
                            }));
                    long[] contact = met.get(random.nextInt(met.size()));
                    String channel = STATUS_CHANNELS[random.nextInt(STATUS_CHANNELS.length)];
                    touchOut.append(touch(interviewId, "STATUS_CHECK", address(channel, contact), moment));
                    touchCount++;
                    int replyDice = random.nextInt(10);
                    if (replyDice < 3) {
                        String kind = REPLY_KINDS[random.nextInt(REPLY_KINDS.length)];
                        Instant receivedAt = moment.plusSeconds(pick(new long[] {0, 3600, 86400 * 2, 86400 * 5}));
                        String newDate = "UPDATE".equals(kind) && random.nextBoolean()
                                ? endDay.plusDays(10 + random.nextInt(20)).toString()
                                : "";
                        replyOut.append(Long.toString(nextReply++))
                                .append(',')
                                .append(Long.toString(interviewId))
                                .append(',')
                                .append(Long.toString(contact[0]))
                                .append(',')
                                .append(text(receivedAt))
                                .append(',')
                                .append(kind)
                                .append(',')
                                .append(newDate)
                                .append(',')
                                .append(Long.toString(createdBy))
                                .append('\n');
                    }
                    if (random.nextInt(8) == 0) {
                        touchOut.append(touch(
                                interviewId,
                                "EXTRA_INFORMATION",
                                address("EMAIL", contact),
                                moment.plusSeconds(86400)));
                        touchCount++;
                    }
                }
                int rare = random.nextInt(40);
                if (rare == 0) {
                    touchOut.append(touch(
                            interviewId,
                            "GIFT",
                            new String[] {"PARCEL", "Office", Long.toString(met.get(0)[0])},
                            end.plus(Duration.ofDays(1))));
                    touchCount++;
                } else if (rare == 1) {
                    touchOut.append(touch(
                            interviewId,
                            "FACEBOOK_FRIEND_REQUEST",
                            new String[] {"FACEBOOK", "https://facebook.com/someone", Long.toString(met.get(0)[0])},
                            end.plus(Duration.ofDays(1))));
                    touchCount++;
                } else if (rare < 5) {
                    long[] contact = met.get(0);
                    touchOut.append(touch(
                            interviewId,
                            "LINKEDIN_CONNECTION",
                            address("LINKEDIN", contact),
                            end.plus(Duration.ofHours(5))));
                    touchCount++;
                }
                if (random.nextInt(20) == 0) {
                    // A first reply before any touch: the company writes first.
                    replyOut.append(Long.toString(nextReply++))
                            .append(',')
                            .append(Long.toString(interviewId))
                            .append(',')
                            .append(Long.toString(met.get(0)[0]))
                            .append(',')
                            .append(text(end.plus(Duration.ofHours(3))))
                            .append(",ACKNOWLEDGEMENT,,")
                            .append(Long.toString(createdBy))
                            .append('\n');
                }
                if (random.nextInt(6) == 0) {
                    outcomeOut
                            .append(Long.toString(interviewId))
                            .append(',')
                            .append(OUTCOMES[random.nextInt(OUTCOMES.length)])
                            .append(',')
                            .append(text(end.plus(Duration.ofDays(3 + random.nextInt(30)))))
                            .append('\n');
                }
            }
        }

        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            copy(connection, "users", "id, email, display_name, role, password_hash", smallTables.get("users"));
            copy(connection, "candidates", "id, name, email, zone", smallTables.get("candidates"));
            copy(
                    connection,
                    "recruiter_assignments",
                    "candidate_id, recruiter_id",
                    smallTables.get("recruiter_assignments"));
            copy(
                    connection,
                    "companies",
                    "id, name, spacing, status_check_limit, preferred_channel, does_not_reply",
                    smallTables.get("companies"));
            copy(
                    connection,
                    "contacts",
                    "id, company_id, name, role, business_email, business_phone, linkedin_url",
                    smallTables.get("contacts"));
            copy(
                    connection,
                    "interviews",
                    "id, candidate_id, company_id, role, starts_at, ends_at, format, round",
                    interviews);
            copy(connection, "interview_interviewers", "interview_id, contact_id, position", interviewers);
            copy(
                    connection,
                    "timelines",
                    "interview_id, decision_date, preferred_channel, preferred_spacing",
                    timelines);
            copy(connection, "debriefs", "interview_id, notes, written_at", debriefs);
            copy(
                    connection,
                    "touches",
                    "id, interview_id, kind, channel, recipient_id, address, sent_at, created_by",
                    touches);
            copy(
                    connection,
                    "replies",
                    "id, interview_id, from_contact_id, received_at, kind, new_decision_date, created_by",
                    replies);
            copy(connection, "outcomes", "interview_id, kind, at", outcomes);
            connection.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        return new Generated(recruiterIds, adminId, touchCount, size.interviews());
    }

    private String touch(long interviewId, String kind, String[] channelAndAddress, Instant sentAt) {
        return nextTouch++ + "," + interviewId + "," + kind + "," + channelAndAddress[0] + "," + channelAndAddress[2]
                + "," + quoted(channelAndAddress[1]) + "," + text(sentAt) + "," + createdBy + "\n";
    }

    /** Channel, address and recipient: mostly the business one, sometimes not (R12). */
    private String[] address(String channel, long[] contact) {
        long id = contact[0];
        String recipient = Long.toString(id);
        return switch (channel) {
            case "EMAIL" ->
                new String[] {
                    "EMAIL", random.nextInt(15) == 0 ? " PERSON" + id + "@Company.example " : emailOf(id), recipient
                };
            case "GMAIL" -> new String[] {"EMAIL", "person" + id + "@gmail.com", recipient};
            case "PHONE", "TEXT_MESSAGE" ->
                new String[] {
                    channel, contact[1] == 1 ? "+44 (20) 7946-" + (1000 + id % 9000) : "+44 7700 900123", recipient
                };
            case "LINKEDIN" ->
                new String[] {
                    "LINKEDIN",
                    random.nextBoolean() ? "http://linkedin.com/in/person" + id + "/" : "https://linkedin.com/in/other",
                    recipient
                };
            default -> throw new IllegalArgumentException(channel);
        };
    }

    private String emailOf(long contactId) {
        return emails.get(contactId);
    }

    private long pick(long[] values) {
        return values[random.nextInt(values.length)];
    }

    private StringBuilder table(String name) {
        return smallTables.computeIfAbsent(name, key -> new StringBuilder());
    }

    private static String text(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toString();
    }

    private static BufferedWriter writer(Path path) throws IOException {
        return Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }

    private static long maxId(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                java.sql.ResultSet result = statement.executeQuery("SELECT COALESCE(max(id), 0) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    private void copy(Connection connection, String table, String columns, Object source)
            throws SQLException, IOException {
        String staging = "staging_" + table;
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TEMP TABLE " + staging + " (LIKE " + table + " INCLUDING DEFAULTS) ON COMMIT DROP");
            if (table.equals("touches") || table.equals("replies")) {
                statement.execute("ALTER TABLE " + staging + " ALTER COLUMN created_by DROP NOT NULL");
            }
        }
        String copySql = "COPY " + staging + " (" + columns + ") FROM STDIN WITH (FORMAT csv)";
        PGConnection pg = connection.unwrap(PGConnection.class);
        if (source instanceof Path path) {
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                pg.getCopyAPI().copyIn(copySql, reader);
            }
        } else {
            pg.getCopyAPI().copyIn(copySql, new java.io.StringReader(source.toString()));
        }
        try (Statement statement = connection.createStatement()) {
            String overriding = hasIdentity(table) ? " OVERRIDING SYSTEM VALUE" : "";
            statement.execute("INSERT INTO " + table + " (" + columns + ")" + overriding + " SELECT " + columns
                    + " FROM " + staging);
            if (hasIdentity(table)) {
                statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM "
                        + table + "))");
            }
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static boolean hasIdentity(String table) {
        return switch (table) {
            case "recruiter_assignments", "interview_interviewers", "timelines", "debriefs", "outcomes" -> false;
            default -> true;
        };
    }
}
