package com.followup.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.followup.api.audit.Audit;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.demo.DemoData;
import com.followup.api.privacy.Erasures;
import com.followup.api.privacy.PersonKind;
import com.followup.api.testing.TestApp;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.testing.PostgresDatabaseExtension;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An erasure re-produces every archived report that names the person: the new version has the same figures under the
 * anonymous name, the old one is gone, and no archived file, CSV or PDF, holds the name any more.
 */
class ReportRedactionTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static Jdbi jdbi;
    private static Erasures erasures;
    private static UserPrincipal admin;

    @BeforeAll
    static void archivedReportsOfTheDemoAgency() {
        jdbi = Jdbi.create(DATABASE::connect);
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        new DemoData(new PasswordHasher()).loadIfEmpty(jdbi, clock);
        ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
        ReportService reports =
                new ReportService(jdbi, () -> AgencyPolicy.defaults(ZONE), clock, json, ZONE, "Demo Agency");
        erasures = new Erasures(jdbi, new Audit(json, clock), clock);
        erasures.addListener(new ReportRedaction(reports));
        long adminId = TestApp.user(jdbi, "redaction-admin@agency.example", "Admin", Role.ADMIN);
        admin = new UserPrincipal(adminId, "redaction-admin@agency.example", "Admin", Role.ADMIN, Optional.empty());
        // Last week's and the week before's agency reports, archived.
        for (int weeksAgo = 1; weeksAgo <= 2; weeksAgo++) {
            reports.produce(
                    IsoWeek.of(NOW.minus(Duration.ofDays(7L * weeksAgo)), ZONE),
                    ReportScope.AGENCY,
                    Optional.of(adminId),
                    ReportArchive.Via.API);
        }
    }

    @Test
    void anErasedCandidateLeavesNoNameInTheArchiveAndTheFiguresAsTheyWere() throws IOException {
        erasureKeepsTheFigures(PersonKind.CANDIDATE, "candidates");
    }

    @Test
    void anErasedHiringManagerLeavesNoNameInTheArchiveAndTheFiguresAsTheyWere() throws IOException {
        erasureKeepsTheFigures(PersonKind.CONTACT, "contacts");
    }

    private static void erasureKeepsTheFigures(PersonKind kind, String table) throws IOException {
        Map<Long, String> csvBefore = csvFiles(jdbi);
        // Someone the archived reports name.
        Map<String, Object> person = jdbi.withHandle(handle -> handle.createQuery(
                        """
                        SELECT p.id, p.name FROM %s p
                        WHERE p.erased_at IS NULL AND EXISTS (SELECT 1 FROM report_files f WHERE f.format = 'CSV'
                                        AND strpos(convert_from(f.content, 'UTF8'), ',' || p.name || ',') > 0)
                        ORDER BY p.id LIMIT 1
                        """
                                .formatted(table))
                .mapToMap()
                .one());
        long id = ((Number) person.get("id")).longValue();
        String name = (String) person.get("name");
        assertThat(pdfTexts(jdbi)).anyMatch(text -> text.contains(name));

        erasures.erase(admin, kind, id, new Erasures.ErasureRequest(name));

        Map<Long, String> csvAfter = csvFiles(jdbi);
        assertThat(csvAfter.values()).noneMatch(csv -> csv.contains(name));
        assertThat(pdfTexts(jdbi)).isNotEmpty().noneMatch(text -> text.contains(name));
        // The versions that named them are gone; each week still has its report, with the same figures.
        assertThat(csvAfter).hasSameSizeAs(csvBefore);
        assertThat(csvAfter.keySet()).isNotEqualTo(csvBefore.keySet());
        List<List<String>> before = new ArrayList<>();
        for (String csv : csvBefore.values()) {
            before.add(sortedLines(csv.replace(name, kind.erasedName(id))));
        }
        List<List<String>> after = new ArrayList<>();
        for (String csv : csvAfter.values()) {
            after.add(sortedLines(csv));
        }
        assertThat(after).containsExactlyInAnyOrderElementsOf(before);
    }

    private static List<String> sortedLines(String csv) {
        return csv.lines().sorted().toList();
    }

    private static Map<Long, String> csvFiles(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT report_id, convert_from(content, 'UTF8') AS csv FROM report_files WHERE format = 'CSV'")
                .reduceRows(new TreeMap<Long, String>(), (files, row) -> {
                    files.put(row.getColumn("report_id", Long.class), row.getColumn("csv", String.class));
                    return files;
                }));
    }

    private static List<String> pdfTexts(Jdbi jdbi) throws IOException {
        List<byte[]> pdfs =
                jdbi.withHandle(handle -> handle.createQuery("SELECT content FROM report_files WHERE format = 'PDF'")
                        .mapTo(byte[].class)
                        .list());
        List<String> texts = new ArrayList<>();
        for (byte[] pdf : pdfs) {
            try (PDDocument document = Loader.loadPDF(pdf)) {
                texts.add(new PDFTextStripper().getText(document));
            }
        }
        return texts;
    }
}
