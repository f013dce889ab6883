package com.followup.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The PDF's layout read back page by page with PDFBox (issue 17): no blank page, no table row alone on a page, header
 * words whole, "Page n of m", plural forms, only rules with something to say, pending replies, zero weeks. The rows are
 * made up here (no database): the figures' correctness is HandMadeWeekTest's and WeeklyFiguresAgreementTest's.
 */
class PdfLayoutTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W48");
    /** The Monday after the week, as the schedule produces it. */
    private static final Instant AS_OF = Instant.parse("2026-11-30T07:00:00Z");

    @Test
    void theAgencyReportHasNoBlankPageNoOrphanAndWholeHeaderWords() throws Exception {
        WeeklyReport report = report(ReportScope.AGENCY, 37, 23);
        List<String> pages = pages(PdfReport.render(report));

        assertThat(pages).hasSizeGreaterThanOrEqualTo(4);
        for (int index = 0; index < pages.size(); index++) {
            String page = pages.get(index);
            // No blank page: every page has more than its footer.
            assertThat(withoutFooter(page).strip()).as("page %d", index + 1).isNotEmpty();
            assertThat(page).as("page %d", index + 1).contains("Page " + (index + 1) + " of " + pages.size());
        }
        assertThat(pages.get(pages.size() - 1))
                .contains("Definitions")
                .contains("Weeks younger than 14 days are not counted yet")
                .doesNotContain("docs/reports.md");
        String all = String.join("\n", pages);
        // Header words whole: every word of every group table's header appears as a word of its own.
        List<String> tokens = Arrays.asList(all.split("\\s+"));
        for (String header : PdfReport.groupHeaders()) {
            for (String word : header.split(" ")) {
                if (!word.equals("Name")
                        && !List.of("R13", "gift", "R8", "over", "limit").contains(word)) {
                    assertThat(tokens).as("header word %s", word).contains(word);
                }
            }
        }
        assertThat(all).doesNotContain("Interview s", "Respond ed", "Interview\ns", "1 breaches", "1 interviews");
        // No table leaves a single row on a page: a page that continues a table shows at least three of its rows.
        for (String page : pages) {
            if (page.contains("(continued)")) {
                assertThat(page.lines().filter(line -> line.startsWith("Candidate ")))
                        .hasSizeGreaterThanOrEqualTo(PdfReport.MIN_ROWS);
            }
        }
    }

    @Test
    void attentionListsOnlyRulesWithSomethingToSayInWords() throws Exception {
        WeeklyReport report = report(ReportScope.AGENCY, 3, 2);
        String all = String.join("\n", pages(PdfReport.render(report)));
        // Candidate 1 has one R6 breach and nothing else (see row() below).
        assertThat(all).contains("1 breach: 1 R6 status check before the company's date; in 1 interview.");
        assertThat(all).doesNotContain("R13 0", "R8 0", "0 R13");
        // A column that is zero in every row is left out, and the sentence says which.
        assertThat(all).contains("Left out, zero in every row:").contains("R13 gift");
    }

    @Test
    void recentWeeksArePendingNotZeroAndAWeekWithoutInterviewsIsARow() throws Exception {
        WeeklyReport report = report(ReportScope.AGENCY, 3, 2);
        List<String> pages = pages(PdfReport.render(report));
        assertThat(pages.get(0))
                .contains("Replies within 14 days")
                .contains("pending")
                .doesNotContainPattern("(?<![0-9])0\\.0 %");
        String all = String.join("\n", pages);
        // On Monday 30 Nov 07:00, W47 (ended 23 Nov) and W48 are younger than 14 days; W46 ended 16 Nov: counted.
        assertThat(pages.get(0).replace('\n', ' ')).contains("counted from 14 Dec; 2026-W46: 40.0 % (2 of 5)");
        assertThat(all).containsPattern("W45 \\(2 Nov\\) .* 3/4 \\(75.0 %\\)");
        assertThat(all).containsPattern("W47 \\(16 Nov\\) .* pending");
        // W44 had no interviews: a row of zeros in the week-by-week table, with its dates.
        assertThat(all).containsPattern("W44 \\(26 Oct\\) 0 0/0 0/0 0/0 0 0 ");
        assertThat(report.trend()).extracting(FigureRow::week).contains("2026-W44");
    }

    @Test
    void aRecruitersReportHasNoBlankPageEither() throws Exception {
        WeeklyReport report = report(ReportScope.recruiter(7), 12, 9);
        List<String> pages = pages(PdfReport.render(report));
        for (String page : pages) {
            assertThat(withoutFooter(page).strip()).isNotEmpty();
        }
        assertThat(pages.get(0)).contains("candidates of Rita Recruiter");
        assertThat(String.join("\n", pages)).doesNotContain("Recruiters, week by week");
    }

    /** Renders each page of the two sample reports to target/report-pages for docs/images. */
    @Test
    void pagesRenderToImages() throws Exception {
        byte[] pdf = PdfReport.render(report(ReportScope.AGENCY, 37, 23));
        Path directory = Path.of("target", "report-pages");
        Files.createDirectories(directory);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, 80);
                assertThat(image.getWidth()).isGreaterThan(image.getHeight());
                ImageIO.write(
                        image,
                        "png",
                        directory.resolve("page-" + (page + 1) + ".png").toFile());
            }
        }
        try (PDDocument document = Loader.loadPDF(PdfReport.render(report(ReportScope.recruiter(7), 12, 9)))) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                ImageIO.write(
                        renderer.renderImageWithDPI(page, 80),
                        "png",
                        directory
                                .resolve("recruiter-page-" + (page + 1) + ".png")
                                .toFile());
            }
        }
    }

    private static String withoutFooter(String page) {
        return page.replaceAll("Weekly follow-up report, .*", "").replaceAll("Page \\d+ of \\d+", "");
    }

    static List<String> pages(byte[] pdf) throws Exception {
        List<String> pages = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(stripper.getText(document));
            }
        }
        return pages;
    }

    /**
     * A made-up week: {@code candidates} candidates and {@code companies} companies this week, two recruiters, trend
     * weeks W41 to W48 with W44 empty, W45 counted for replies (3 of 4 within 14 days).
     */
    static WeeklyReport report(ReportScope scope, int candidates, int companies) {
        List<FigureRow> rows = new ArrayList<>();
        for (int back = 7; back >= 0; back--) {
            String week = WEEK.minusWeeks(back).toString();
            if (week.equals("2026-W44")) {
                continue;
            }
            rows.add(row(week, Dimension.AGENCY, 0, "Agency", 10 + back, back == 3 ? 4 : 5, back == 3 ? 3 : 2));
            rows.add(row(week, Dimension.RECRUITER, 7, "Rita Recruiter", 6, 3, 1));
            if (scope.isAgency()) {
                rows.add(row(week, Dimension.RECRUITER, 8, "Otto Other", 4, 2, 1));
            }
            for (int company = 1; company <= Math.min(companies, 4); company++) {
                rows.add(row(week, Dimension.COMPANY, company, "Company " + company, 2, 2, 1));
            }
        }
        String week = WEEK.toString();
        for (int candidate = 1; candidate <= candidates; candidate++) {
            rows.add(row(week, Dimension.CANDIDATE, candidate, "Candidate " + candidate, 1, 1, 0));
        }
        for (int company = 5; company <= companies; company++) {
            rows.add(row(week, Dimension.COMPANY, company, "Company " + company, 1, 1, 0));
        }
        rows.add(row(week, Dimension.HIRING_MANAGER, 1, "Harriet Manager", 2, 1, 0));
        rows.sort(java.util.Comparator.comparing(FigureRow::week)
                .thenComparing(row -> row.dimension().name())
                .thenComparingLong(FigureRow::groupId));
        return new WeeklyReport(new WeeklyParameters(WEEK, scope, AS_OF, ZONE, "Agency", 8), rows);
    }

    /**
     * One group's figures. Candidate 1 has exactly one breach, an R6; no row ever has an R13 breach, so that column is
     * always left out.
     */
    private static FigureRow row(
            String week, Dimension dimension, long id, String name, long interviews, long counted, long inTime) {
        boolean one = dimension == Dimension.CANDIDATE && id == 1;
        long late = one ? 0 : id % 3;
        return new FigureRow(
                week,
                dimension,
                id,
                name,
                interviews,
                interviews * 2,
                interviews * 2,
                interviews * 2 - late,
                late,
                0,
                interviews * 2,
                interviews,
                interviews,
                interviews,
                interviews,
                interviews * 2,
                one ? 1 : 0,
                dimension == Dimension.CANDIDATE ? 0 : id % 2,
                0,
                0,
                interviews * 4,
                0,
                0,
                0,
                counted,
                counted,
                OptionalLong.of(36_000 + id * 3600),
                OptionalLong.of(90_000 + id * 3600),
                0,
                counted,
                inTime);
    }
}
