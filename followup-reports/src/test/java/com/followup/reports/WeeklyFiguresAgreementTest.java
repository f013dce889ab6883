package com.followup.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.testing.TestApp;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.reports.testing.ReportDataGenerator;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQL figures and the rules engine agree exactly, figure by figure and group by group, on generated data with
 * rule boundaries hit on purpose (issue #5), some touches and replies retracted among them (issue 14).
 */
class WeeklyFiguresAgreementTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W12");
    private static final AgencyPolicy POLICY = AgencyPolicy.defaults(ZONE)
            .withHolidays(Set.of(LocalDate.parse("2026-03-23"), LocalDate.parse("2026-03-09")));

    private static Jdbi jdbi;
    private static ReportDataGenerator.Generated generated;

    @BeforeAll
    static void generate() throws Exception {
        jdbi = Jdbi.create(DATABASE::connect);
        jdbi.installPlugin(new PostgresPlugin());
        try (Connection connection = DATABASE.connect()) {
            generated = new ReportDataGenerator(
                            20260316L,
                            new ReportDataGenerator.Size(
                                    3,
                                    40,
                                    8,
                                    1500,
                                    WEEK.minusWeeks(9).start(ZONE),
                                    WEEK.plusWeeks(1).end(ZONE)))
                    .insert(connection);
        }
        // One touch and one reply in eleven logged by mistake and retracted (decision 0019): the rules engine never
        // sees them (its record leaves them out), so the SQL agrees only if it leaves them out too.
        jdbi.useHandle(handle -> {
            for (String table : List.of("touches", "replies")) {
                int retracted = handle.execute("UPDATE " + table + " SET version = version + 1,"
                        + " retracted_at = now(), retracted_by = created_by, retraction_reason = 'logged by mistake'"
                        + " WHERE id % 11 = 0");
                assertThat(retracted).as(table).isPositive();
            }
        });
    }

    @Test
    void agencyFiguresAgreeAWeekAfter() {
        assertAgree(new WeeklyParameters(
                WEEK, ReportScope.AGENCY, WEEK.end(ZONE).plusSeconds(3 * 86400), ZONE, "Agency", 8));
    }

    @Test
    void agencyFiguresAgreeInTheMiddleOfTheWeek() {
        // Steps not yet due, threads still open: the as-of instant matters.
        assertAgree(new WeeklyParameters(
                WEEK, ReportScope.AGENCY, WEEK.start(ZONE).plusSeconds(4 * 86400 + 3600), ZONE, "Agency", 8));
    }

    @Test
    void agencyFiguresAgreeLongAfter() {
        assertAgree(new WeeklyParameters(
                WEEK, ReportScope.AGENCY, WEEK.end(ZONE).plusSeconds(90L * 86400), ZONE, "Agency", 8));
    }

    @Test
    void recruiterFiguresAgree() {
        long recruiter = generated.recruiterIds().get(1);
        assertAgree(new WeeklyParameters(
                WEEK, ReportScope.recruiter(recruiter), WEEK.end(ZONE).plusSeconds(86400), ZONE, "Agency", 8));
    }

    private static void assertAgree(WeeklyParameters parameters) {
        List<FigureRow> fromSql = jdbi.withHandle(handle -> WeeklyFiguresQuery.run(handle, parameters, POLICY));
        List<InterviewRecord> records = new JdbiInterviewRecords(jdbi)
                .findAll(jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM interviews")
                        .mapTo(Long.class)
                        .map(InterviewId::new)
                        .list()));
        Map<Long, Set<Long>> recruiters = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("SELECT candidate_id, recruiter_id FROM recruiter_assignments")
                .map((rs, context) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .forEach(pair -> recruiters
                        .computeIfAbsent(pair[0], key -> new HashSet<>())
                        .add(pair[1])));
        Map<Long, String> recruiterNames = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("SELECT id, display_name FROM users")
                .map((rs, context) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(entry -> recruiterNames.put(entry.getKey(), entry.getValue())));

        List<FigureRow> fromJava =
                WeeklyFiguresReference.compute(records, recruiters, recruiterNames, parameters, POLICY);

        assertThat(fromSql).hasSizeGreaterThan(20);
        assertThat(fromSql.stream().filter(row -> row.dimension() == Dimension.AGENCY))
                .hasSize(parameters.trendWeeks());
        // Row by row first, for a readable failure, then the whole lists.
        for (int index = 0; index < Math.min(fromSql.size(), fromJava.size()); index++) {
            assertThat(fromSql.get(index)).as("row %d", index).isEqualTo(fromJava.get(index));
        }
        assertThat(fromSql).isEqualTo(fromJava);
    }

    @Test
    void theGeneratedDataExercisesEveryFigure() throws Exception {
        WeeklyParameters parameters = new WeeklyParameters(
                WEEK, ReportScope.AGENCY, WEEK.end(ZONE).plusSeconds(90L * 86400), ZONE, "Agency", 8);
        List<FigureRow> rows = jdbi.withHandle(handle -> WeeklyFiguresQuery.run(handle, parameters, POLICY));
        FigureRow agency = rows.stream()
                .filter(row -> row.dimension() == Dimension.AGENCY && row.week().equals(WEEK.toString()))
                .findFirst()
                .orElseThrow();
        // A figure that is always zero would agree with anything: the data must make each of them count.
        assertThat(List.of(
                        agency.thankYouOnTime(),
                        agency.thankYouLate(),
                        agency.thankYouMissed(),
                        agency.thankYouIdeal(),
                        agency.debriefsDue() - agency.debriefsOnTime(),
                        agency.r6Breaches(),
                        agency.r7Breaches(),
                        agency.r8Breaches(),
                        agency.r10Breaches(),
                        agency.r12Breaches(),
                        agency.r13Breaches(),
                        agency.r18InterviewsLeftOut(),
                        agency.responded(),
                        agency.ghosted()))
                .allSatisfy(value -> assertThat(value).isPositive());
        assertThat(agency.responseMedianSeconds()).isPresent();
        // Replies within 14 days (issue 17): some threads answered in time, some later or never.
        assertThat(agency.respondedWithinWindow()).isPositive();
        assertThat(agency.followedUpCounted() - agency.respondedWithinWindow()).isPositive();
        // A day after the week, nothing of it can be counted yet: pending, not zero.
        WeeklyParameters monday =
                new WeeklyParameters(WEEK, ReportScope.AGENCY, WEEK.end(ZONE).plusSeconds(86400), ZONE, "Agency", 8);
        WeeklyReport early =
                new WeeklyReport(monday, jdbi.withHandle(handle -> WeeklyFiguresQuery.run(handle, monday, POLICY)));
        assertThat(early.headline().followedUp()).isPositive();
        assertThat(early.headline().followedUpCounted()).isZero();
        assertThat(early.responsePending(early.headline())).isTrue();
        assertThat(early.responseWithinWindow(early.headline())).isEmpty();
        // Recruiters and companies have a row in every trend week, zeros included.
        assertThat(early.trendGroups(Dimension.RECRUITER))
                .isNotEmpty()
                .allSatisfy(group -> assertThat(early.trend(group)).hasSize(8));
        assertThat(rows.stream().filter(row -> row.dimension() == Dimension.HIRING_MANAGER))
                .isNotEmpty();

        // The first page of this report is the sample in docs/images/report-sample.png.
        byte[] pdf = PdfReport.render(new WeeklyReport(parameters, rows));
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            // Every page, for docs/images/report-page-N.png (issue 17: look at them).
            java.nio.file.Path pages = java.nio.file.Path.of("target", "report-generated-pages");
            java.nio.file.Files.createDirectories(pages);
            org.apache.pdfbox.rendering.PDFRenderer renderer = new org.apache.pdfbox.rendering.PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                javax.imageio.ImageIO.write(
                        renderer.renderImageWithDPI(page, page == 0 ? 110 : 80),
                        "png",
                        pages.resolve("page-" + (page + 1) + ".png").toFile());
            }
        }
    }
}
