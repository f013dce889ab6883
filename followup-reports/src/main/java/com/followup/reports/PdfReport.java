package com.followup.reports;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The report as a designed PDF (OpenPDF, built-in Helvetica, so no font has to be installed): title, headline figures
 * with their counts, trend charts of the last eight weeks, who most needs attention, the trends per week, per recruiter
 * and per company, one table per group, and the definitions on the last page; "Page n of m" on every page.
 *
 * <p>Layout rules (issue 17): a table never leaves fewer than {@link #MIN_ROWS} rows alone on a page, and its heading,
 * sentence and column headers go with its rows (and are repeated on the next page when it goes on); a column is as wide
 * as its longest header word, so no header word is broken; a column that is zero in every row is left out and the
 * sentence under the heading says so. The charts are drawn with OpenPDF's vector graphics: a chart library would need
 * the platform's fonts for its text (decision 0007).
 */
public final class PdfReport {
    private static final Color INK = new Color(0x1F, 0x2A, 0x37);
    private static final Color MUTED = new Color(0x4B, 0x55, 0x63);
    private static final Color ACCENT = new Color(0x25, 0x63, 0xEB);
    private static final Color SECOND = new Color(0x05, 0x96, 0x69);
    private static final Color THIRD = new Color(0xB4, 0x53, 0x09);
    private static final Color ALERT = new Color(0xDC, 0x26, 0x26);
    private static final Color RULE = new Color(0xE5, 0xE7, 0xEB);
    private static final Color HEADER_FILL = new Color(0xF3, 0xF4, 0xF6);
    private static final Color PENDING_FILL = new Color(0xF3, 0xF4, 0xF6);

    private static final Font TITLE = new Font(Font.HELVETICA, 20, Font.BOLD, INK);
    private static final Font SUBTITLE = new Font(Font.HELVETICA, 10, Font.NORMAL, MUTED);
    private static final Font HEADING = new Font(Font.HELVETICA, 12, Font.BOLD, INK);
    private static final Font SENTENCE = new Font(Font.HELVETICA, 8, Font.NORMAL, MUTED);
    private static final Font LABEL = new Font(Font.HELVETICA, 8, Font.NORMAL, MUTED);
    private static final Font FIGURE = new Font(Font.HELVETICA, 14, Font.BOLD, INK);
    private static final Font BODY = new Font(Font.HELVETICA, 8, Font.NORMAL, INK);
    private static final Font BODY_BOLD = new Font(Font.HELVETICA, 8, Font.BOLD, INK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMM uuuu HH:mm", Locale.ENGLISH);

    /** A table split over pages keeps at least this many rows on each page (no orphaned row). */
    static final int MIN_ROWS = 3;
    /** Rows per group table; the CSV has them all. */
    static final int TABLE_ROWS = 40;
    /** Companies in the week-by-week table of response times; the CSV's trend has them all. */
    static final int TREND_COMPANIES = 15;
    /** Table text sizes tried in turn until every column fits the page with its header words whole. */
    private static final float[] TABLE_SIZES = {7.5f, 7f, 6.5f, 6f};

    private static final float CELL_PADDING = 2.5f;
    private static final float BLOCK_SPACING = 14;

    private PdfReport() {}

    public static byte[] render(WeeklyReport report) {
        // Twice: the first pass counts the pages, the second writes "Page n of m" with the count.
        int pages = new PdfReport.Renderer(report, 0).render().pages;
        return new PdfReport.Renderer(report, pages).render().bytes;
    }

    private record Rendered(byte[] bytes, int pages) {}

    private static final class Renderer {
        private final WeeklyReport report;
        private final int totalPages;
        private Document document;
        private PdfWriter writer;

        Renderer(WeeklyReport report, int totalPages) {
            this.report = report;
            this.totalPages = totalPages;
        }

        Rendered render() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document = new Document(PageSize.A4.rotate(), 36, 36, 36, 44);
            int[] pages = {0};
            try {
                writer = PdfWriter.getInstance(document, bytes);
                writer.setPageEvent(new PdfPageEventHelper() {
                    @Override
                    public void onEndPage(PdfWriter pageWriter, Document pageDocument) {
                        pages[0] = pageWriter.getPageNumber();
                        footer(pageWriter.getDirectContent(), pageDocument, pageWriter.getPageNumber());
                    }
                });
                document.addTitle(
                        "Weekly follow-up report " + report.parameters().week());
                document.addAuthor(report.parameters().agencyName());
                document.addCreator("Followup");
                document.open();
                title();
                headline();
                charts();
                document.newPage();
                attention();
                trendTable();
                recruiterTrend();
                companyTrend();
                for (Dimension dimension : List.of(
                        Dimension.RECRUITER, Dimension.CANDIDATE, Dimension.COMPANY, Dimension.HIRING_MANAGER)) {
                    if (dimension == Dimension.RECRUITER
                            && !report.parameters().scope().isAgency()) {
                        continue; // a recruiter's report: the recruiter is the whole scope, already above
                    }
                    groupTable(dimension);
                }
                document.newPage();
                definitions();
                document.close();
            } catch (DocumentException e) {
                throw new IllegalStateException("cannot build the PDF report", e);
            }
            return new Rendered(bytes.toByteArray(), pages[0]);
        }

        private void footer(PdfContentByte canvas, Document pageDocument, int page) {
            WeeklyParameters parameters = report.parameters();
            text(
                    canvas,
                    "Weekly follow-up report, " + parameters.agencyName()
                            + (parameters.scope().isAgency() ? "" : ", candidates of " + scopeName()) + ", week "
                            + parameters.week(),
                    pageDocument.left(),
                    22,
                    7.5f,
                    MUTED,
                    Element.ALIGN_LEFT);
            text(
                    canvas,
                    totalPages > 0 ? "Page " + page + " of " + totalPages : "Page " + page,
                    pageDocument.right(),
                    22,
                    7.5f,
                    MUTED,
                    Element.ALIGN_RIGHT);
        }

        private void title() throws DocumentException {
            WeeklyParameters parameters = report.parameters();
            ZoneId zone = parameters.zone();
            document.add(new Paragraph("Weekly follow-up report", TITLE));
            Paragraph subtitle = new Paragraph(
                    parameters.agencyName() + "  |  week " + parameters.week() + " ("
                            + DAY.format(parameters.week().monday()) + " to "
                            + DAY.format(parameters.week().monday().plusDays(6)) + ", " + zone.getId() + ")  |  "
                            + (parameters.scope().isAgency() ? "whole agency" : "candidates of " + scopeName())
                            + "  |  data as of "
                            + MOMENT.format(parameters.asOf().atZone(zone)),
                    SUBTITLE);
            subtitle.setSpacingAfter(10);
            document.add(subtitle);
        }

        private String scopeName() {
            return report.rows(Dimension.RECRUITER).stream()
                    .findFirst()
                    .map(FigureRow::name)
                    .orElse("recruiter "
                            + report.parameters().scope().recruiterId().orElseThrow());
        }

        private void headline() throws DocumentException {
            FigureRow row = report.headline();
            document.add(new Paragraph("This week", HEADING));
            PdfPTable table = new PdfPTable(6);
            table.setWidthPercentage(100);
            table.setSpacingBefore(6);
            table.setSpacingAfter(8);
            figure(table, "Interviews held", Long.toString(row.interviews()), "ended this week");
            figure(
                    table,
                    "R1 thank-you within 48 h",
                    percent(WeeklyReport.rate(row.thankYouOnTime(), row.thankYouDue())),
                    row.thankYouOnTime() + " of " + row.thankYouDue() + " due");
            figure(
                    table,
                    "R2 thank-you at the ideal moment",
                    percent(WeeklyReport.rate(row.thankYouIdeal(), row.thankYouSent())),
                    row.thankYouIdeal() + " of " + count(row.thankYouSent(), "note", "notes") + " sent");
            figure(
                    table,
                    "R3 interviewers thanked",
                    percent(WeeklyReport.rate(row.thankYouSent(), row.thankYouSteps())),
                    row.thankYouSent() + " of " + row.thankYouSteps() + " met");
            figure(
                    table,
                    "R4/R20 debrief within 24 h",
                    percent(WeeklyReport.rate(row.debriefsOnTime(), row.debriefsDue())),
                    row.debriefsOnTime() + " of " + row.debriefsDue() + " due");
            figure(
                    table,
                    "R5 next steps recorded",
                    percent(WeeklyReport.rate(row.timelinesRecorded(), row.interviews())),
                    row.timelinesRecorded() + " of " + count(row.interviews(), "interview", "interviews"));
            long checkBreaches = row.r6Breaches() + row.r7Breaches() + row.r8Breaches() + row.r10Breaches();
            figure(
                    table,
                    "Status checks against R6-R10",
                    Long.toString(checkBreaches),
                    "of " + count(row.statusChecks(), "status check", "status checks")
                            + (checkBreaches == 0 ? "" : ": " + shortRules(row, true)));
            long touchBreaches = row.r12Breaches() + row.r13Breaches();
            figure(
                    table,
                    "Touches against R12/R13",
                    Long.toString(touchBreaches),
                    "of " + count(row.touches(), "touch", "touches")
                            + (touchBreaches == 0 ? "" : ": " + shortRules(row, false)));
            responseFigure(table, row);
            figure(
                    table,
                    "Replies so far",
                    row.responded() + " of " + row.followedUp(),
                    "interviews followed up; threads still open");
            figure(
                    table,
                    "Company time to respond",
                    hours(WeeklyReport.hours(row.responseMedianSeconds())) + " median",
                    "90th percentile " + hours(WeeklyReport.hours(row.responseP90Seconds())) + ", "
                            + count(row.responded(), "reply", "replies"));
            figure(
                    table,
                    "R8 threads closed unanswered",
                    Long.toString(row.ghosted()),
                    "R18 \"does not reply\" left out: " + count(row.r18InterviewsLeftOut(), "interview", "interviews"));
            document.add(table);
        }

        /** The response within the window: pending for a young week, with the latest week already counted. */
        private void responseFigure(PdfPTable table, FigureRow row) {
            String label = "Replies within " + windowDays() + " days";
            if (!report.responsePending(row)) {
                figure(
                        table,
                        label,
                        percent(report.responseWithinWindow(row)),
                        row.respondedWithinWindow() + " of " + row.followedUpCounted() + " threads old enough");
                return;
            }
            String counted = report.latestCountedResponseWeek()
                    .map(week -> "; " + week.week() + ": "
                            + percent(report.responseWithinWindow(week)) + " (" + week.respondedWithinWindow() + " of "
                            + week.followedUpCounted() + ")")
                    .orElse("");
            figure(
                    table,
                    label,
                    "pending",
                    "counted from "
                            + SHORT_DAY.format(report.parameters()
                                    .responseCountedFrom(report.parameters().week())
                                    .atZone(report.parameters().zone()))
                            + counted);
        }

        private void figure(PdfPTable table, String label, String value, String count) {
            PdfPCell cell = new PdfPCell();
            cell.setBorderColor(RULE);
            cell.setPadding(5);
            cell.addElement(new Paragraph(label, LABEL));
            cell.addElement(new Paragraph(value, FIGURE));
            cell.addElement(new Paragraph(count, LABEL));
            table.addCell(cell);
        }

        private void charts() throws DocumentException {
            Paragraph heading = new Paragraph("The last " + report.parameters().trendWeeks() + " weeks", HEADING);
            document.add(heading);
            Paragraph sentence = new Paragraph(
                    "Weeks younger than " + windowDays() + " days are not counted yet for the replies (shaded:"
                            + " pending); a week without interviews has no rate, and zero bars.",
                    SENTENCE);
            document.add(sentence);
            List<FigureRow> trend = report.trend();
            float top = writer.getVerticalPosition(true) - 6;
            float height = Math.min(180, top - document.bottom() - 4);
            float width = (document.right() - document.left() - 30) / 2;
            PdfContentByte canvas = writer.getDirectContent();
            float left = document.left();
            lineChart(
                    canvas,
                    left,
                    top - height,
                    width,
                    height,
                    trend,
                    List.of(
                            new Series("R1 on time", ACCENT, row -> ratio(row.thankYouOnTime(), row.thankYouDue())),
                            new Series(
                                    "R3 interviewers thanked",
                                    SECOND,
                                    row -> ratio(row.thankYouSent(), row.thankYouSteps())),
                            new Series(
                                    "Replies within " + windowDays() + " days",
                                    THIRD,
                                    row -> report.responseWithinWindow(row)
                                            .map(rate -> rate.doubleValue() * 100)
                                            .orElse(Double.NaN))));
            barChart(canvas, left + width + 30, top - height, width, height, trend);
        }

        private void lineChart(
                PdfContentByte canvas,
                float x,
                float y,
                float width,
                float height,
                List<FigureRow> trend,
                List<Series> series) {
            float plotLeft = x + 28;
            float plotBottom = y + 30;
            float plotWidth = width - 44;
            float plotHeight = height - 54;
            frame(canvas, x, y, width, height, "Rates in % (each a part of its count)");
            float step = plotWidth / Math.max(1, trend.size() - 1);
            for (int index = 0; index < trend.size(); index++) {
                if (report.responsePending(trend.get(index))) {
                    canvas.setColorFill(PENDING_FILL);
                    float bandLeft = Math.max(plotLeft, plotLeft + step * index - step / 2);
                    float bandRight = Math.min(plotLeft + plotWidth, plotLeft + step * index + step / 2);
                    canvas.rectangle(bandLeft, plotBottom, bandRight - bandLeft, plotHeight);
                    canvas.fill();
                    text(
                            canvas,
                            "pending",
                            plotLeft + step * index,
                            plotBottom + plotHeight + 3,
                            6,
                            MUTED,
                            Element.ALIGN_CENTER);
                }
            }
            for (int percent = 0; percent <= 100; percent += 25) {
                float lineY = plotBottom + plotHeight * percent / 100f;
                line(canvas, plotLeft, lineY, plotLeft + plotWidth, lineY, RULE, 0.5f);
                text(canvas, Integer.toString(percent), plotLeft - 4, lineY - 2.5f, 7, MUTED, Element.ALIGN_RIGHT);
            }
            for (int index = 0; index < trend.size(); index++) {
                text(
                        canvas,
                        trend.get(index).week().substring(5),
                        plotLeft + step * index,
                        plotBottom - 11,
                        6.5f,
                        MUTED,
                        Element.ALIGN_CENTER);
            }
            float legendX = plotLeft;
            for (Series one : series) {
                canvas.setColorStroke(one.color());
                canvas.setLineWidth(1.6f);
                boolean drawing = false;
                for (int index = 0; index < trend.size(); index++) {
                    double value = one.value().applyAsDouble(trend.get(index));
                    if (Double.isNaN(value)) {
                        drawing = false;
                        continue;
                    }
                    float pointX = plotLeft + step * index;
                    float pointY = plotBottom + (float) (plotHeight * value / 100);
                    if (drawing) {
                        canvas.lineTo(pointX, pointY);
                    } else {
                        canvas.moveTo(pointX, pointY);
                        drawing = true;
                    }
                }
                canvas.stroke();
                for (int index = 0; index < trend.size(); index++) {
                    double value = one.value().applyAsDouble(trend.get(index));
                    if (!Double.isNaN(value)) {
                        canvas.setColorFill(one.color());
                        canvas.circle(plotLeft + step * index, plotBottom + (float) (plotHeight * value / 100), 1.8f);
                        canvas.fill();
                    }
                }
                canvas.setColorFill(one.color());
                canvas.rectangle(legendX, y + 6, 8, 4);
                canvas.fill();
                text(canvas, one.name(), legendX + 11, y + 5, 7, INK, Element.ALIGN_LEFT);
                legendX += width(one.name(), BaseFont.HELVETICA, 7) + 26;
            }
        }

        private void barChart(
                PdfContentByte canvas, float x, float y, float width, float height, List<FigureRow> trend) {
            frame(canvas, x, y, width, height, "Interviews held and breaches, per week");
            float plotLeft = x + 28;
            float plotBottom = y + 30;
            float plotWidth = width - 36;
            float plotHeight = height - 54;
            long maximum = 1;
            for (FigureRow row : trend) {
                maximum = Math.max(maximum, Math.max(row.interviews(), row.breaches()));
            }
            long gridStep = niceStep((long) Math.ceil(maximum / 4.0));
            long top = gridStep * 4;
            for (long value = 0; value <= top; value += gridStep) {
                float lineY = plotBottom + plotHeight * value / top;
                line(canvas, plotLeft, lineY, plotLeft + plotWidth, lineY, RULE, 0.5f);
                text(canvas, Long.toString(value), plotLeft - 4, lineY - 2.5f, 7, MUTED, Element.ALIGN_RIGHT);
            }
            float slot = plotWidth / trend.size();
            float bar = slot * 0.32f;
            for (int index = 0; index < trend.size(); index++) {
                FigureRow row = trend.get(index);
                float slotLeft = plotLeft + slot * index + slot * 0.15f;
                canvas.setColorFill(ACCENT);
                canvas.rectangle(slotLeft, plotBottom, bar, plotHeight * row.interviews() / top);
                canvas.fill();
                canvas.setColorFill(ALERT);
                canvas.rectangle(slotLeft + bar + 2, plotBottom, bar, plotHeight * row.breaches() / top);
                canvas.fill();
                text(
                        canvas,
                        row.week().substring(5),
                        plotLeft + slot * index + slot / 2,
                        plotBottom - 11,
                        6.5f,
                        MUTED,
                        Element.ALIGN_CENTER);
            }
            canvas.setColorFill(ACCENT);
            canvas.rectangle(plotLeft, y + 6, 8, 4);
            canvas.fill();
            text(canvas, "Interviews held", plotLeft + 11, y + 5, 7, INK, Element.ALIGN_LEFT);
            canvas.setColorFill(ALERT);
            canvas.rectangle(plotLeft + 90, y + 6, 8, 4);
            canvas.fill();
            text(canvas, "Breaches (R1-R13, R20)", plotLeft + 101, y + 5, 7, INK, Element.ALIGN_LEFT);
        }

        private void attention() throws DocumentException {
            List<String[]> rows = new ArrayList<>();
            for (Dimension dimension : List.of(Dimension.CANDIDATE, Dimension.COMPANY)) {
                List<FigureRow> needing = report.needingAttention(dimension);
                String group = dimension == Dimension.CANDIDATE ? "Candidate" : "Client company";
                if (needing.isEmpty()) {
                    rows.add(new String[] {group, "none", "No " + plural(dimension) + " with a breach this week."});
                }
                for (FigureRow row : needing) {
                    rows.add(new String[] {group, row.name(), attentionLine(row)});
                }
            }
            Table table = new Table(
                    "Most need attention",
                    "The " + WeeklyReport.ATTENTION_LIST_SIZE + " candidates and " + WeeklyReport.ATTENTION_LIST_SIZE
                            + " client companies with the most breaches this week (then the most threads closed"
                            + " unanswered), and what the breaches were; only rules with something to say.",
                    List.of(Column.text("Group"), Column.text("Name"), Column.text("Breaches this week")),
                    rows,
                    new float[] {1.1f, 2.2f, 7f});
            table.add();
        }

        private void trendTable() throws DocumentException {
            List<String[]> rows = new ArrayList<>();
            for (FigureRow row : report.trend()) {
                rows.add(new String[] {
                    weekLabel(row.week()),
                    Long.toString(row.interviews()),
                    part(row.thankYouOnTime(), row.thankYouDue()),
                    part(row.thankYouSent(), row.thankYouSteps()),
                    part(row.debriefsOnTime(), row.debriefsDue()),
                    Long.toString(row.statusChecks()),
                    Long.toString(row.breaches()),
                    windowCell(row),
                    hours(WeeklyReport.hours(row.responseMedianSeconds())),
                    Long.toString(row.ghosted())
                });
            }
            Table table = new Table(
                    (report.parameters().scope().isAgency() ? "The agency" : "These candidates") + ", week by week",
                    "One row per week of the last " + report.parameters().trendWeeks() + " (a week without"
                            + " interviews is a row of zeros). Rates are part/whole; replies within " + windowDays()
                            + " days count the threads whose first follow-up is at least " + windowDays()
                            + " days old; weeks younger than " + windowDays() + " days are not counted yet (pending).",
                    List.of(
                            Column.text("Week"),
                            Column.number("Interviews held"),
                            Column.number("R1 on time"),
                            Column.number("R3 thanked"),
                            Column.number("R20 debrief on time"),
                            Column.number("Status checks"),
                            Column.number("Breaches"),
                            Column.number("Replies within " + windowDays() + " days"),
                            Column.number("Median reply"),
                            Column.number("R8 closed unanswered")),
                    rows,
                    null);
            table.add();
        }

        private void recruiterTrend() throws DocumentException {
            if (!report.parameters().scope().isAgency()) {
                return; // one recruiter: the week-by-week table above is theirs
            }
            List<WeeklyReport.Group> groups = report.trendGroups(Dimension.RECRUITER);
            List<String[]> rows = new ArrayList<>();
            for (WeeklyReport.Group group : groups) {
                List<String> cells = new ArrayList<>();
                cells.add(group.name());
                for (FigureRow row : report.trend(group)) {
                    cells.add(count(row.interviews(), "interview", "interviews") + "\n"
                            + count(row.breaches(), "breach", "breaches"));
                }
                rows.add(cells.toArray(String[]::new));
            }
            List<Column> columns = new ArrayList<>();
            columns.add(Column.text("Recruiter"));
            for (String week : report.trendWeeks()) {
                columns.add(Column.number(weekLabel(week)));
            }
            new Table(
                            "Recruiters, week by week",
                            "Interviews held by each recruiter's candidates and their breaches, per week (a"
                                    + " candidate with two recruiters counts under both).",
                            columns,
                            rows,
                            null)
                    .add();
        }

        private void companyTrend() throws DocumentException {
            List<WeeklyReport.Group> groups = new ArrayList<>(report.trendGroups(Dimension.COMPANY));
            Function<WeeklyReport.Group, Long> interviews = group -> report.trend(group).stream()
                    .mapToLong(FigureRow::interviews)
                    .sum();
            groups.sort(Comparator.comparing(interviews).reversed().thenComparing(WeeklyReport.Group::name));
            int all = groups.size();
            List<WeeklyReport.Group> shown = groups.subList(0, Math.min(TREND_COMPANIES, all));
            List<String[]> rows = new ArrayList<>();
            for (WeeklyReport.Group group : shown) {
                List<String> cells = new ArrayList<>();
                cells.add(group.name());
                for (FigureRow row : report.trend(group)) {
                    cells.add(responseCell(row));
                }
                rows.add(cells.toArray(String[]::new));
            }
            List<Column> columns = new ArrayList<>();
            columns.add(Column.text("Client company"));
            for (String week : report.trendWeeks()) {
                columns.add(Column.number(weekLabel(week)));
            }
            new Table(
                            "Client companies: time to respond, week by week",
                            "The median time from the first follow-up to the company's first reply, for the"
                                    + " interviews of each week, with the number of replies; "
                                    + (all > shown.size()
                                            ? "the " + shown.size() + " companies with the most interviews of " + all
                                                    + " (the CSV has them all)."
                                            : "every company with an interview in these weeks."),
                            columns,
                            rows,
                            null)
                    .add();
        }

        private String responseCell(FigureRow row) {
            if (row.interviews() == 0) {
                return "0 interviews";
            }
            if (row.r18InterviewsLeftOut() == row.interviews()) {
                return "R18 does not reply";
            }
            if (row.followedUp() == 0) {
                return "not followed up";
            }
            if (row.responded() == 0) {
                return "no reply yet";
            }
            return hours(WeeklyReport.hours(row.responseMedianSeconds())) + "\n"
                    + count(row.responded(), "reply", "replies");
        }

        private void groupTable(Dimension dimension) throws DocumentException {
            List<FigureRow> all = report.rows(dimension);
            // A report is read, not searched: the groups with the most breaches, the full list is the CSV's.
            List<FigureRow> shown = all.stream()
                    .sorted(Comparator.comparingLong(FigureRow::breaches)
                            .reversed()
                            .thenComparing(Comparator.comparingLong(FigureRow::interviews)
                                    .reversed())
                            .thenComparing(FigureRow::name))
                    .limit(TABLE_ROWS)
                    .toList();
            List<GroupColumn> columns = new ArrayList<>();
            List<String> left = new ArrayList<>();
            for (GroupColumn column : groupColumns(dimension)) {
                if (column.zero() != null && !shown.isEmpty() && shown.stream().allMatch(column.zero())) {
                    left.add(column.header());
                } else {
                    columns.add(column);
                }
            }
            List<String[]> rows = new ArrayList<>();
            for (FigureRow row : shown) {
                rows.add(columns.stream()
                        .map(column -> column.value().apply(row))
                        .toArray(String[]::new));
            }
            String sentence = groupSentence(dimension)
                    + " Rates are part/whole."
                    + (all.size() > shown.size()
                            ? " The " + shown.size() + " of " + all.size() + " with the most breaches; the CSV lists"
                                    + " every one."
                            : "")
                    + (left.isEmpty() ? "" : " Left out, zero in every row: " + String.join(", ", left) + ".");
            List<String[]> body = rows.isEmpty() ? List.<String[]>of(new String[] {"No interviews this week."}) : rows;
            new Table(
                            "By " + dimensionName(dimension) + " (" + all.size() + ")",
                            sentence,
                            columns.stream()
                                    .map(column -> column.header().equals("Name")
                                            ? Column.text(capitalised(dimensionName(dimension)))
                                            : Column.number(column.header()))
                                    .toList(),
                            body,
                            null)
                    .add();
        }

        private String groupSentence(Dimension dimension) {
            return switch (dimension) {
                case RECRUITER ->
                    "Each row: the interviews of a recruiter's candidates that ended this week (a candidate with two"
                            + " recruiters counts under both).";
                case CANDIDATE -> "Each row: a candidate's interviews that ended this week.";
                case COMPANY -> "Each row: the interviews with a client company that ended this week.";
                case HIRING_MANAGER ->
                    "Each row: the interviews a hiring manager sat in that ended this week (an interview with two"
                            + " counts under both).";
                case AGENCY -> "The whole scope.";
            };
        }

        private void definitions() throws DocumentException {
            String window = windowDays() + " days";
            List<String[]> rows = List.of(
                    new String[] {
                        "Week",
                        "An interview belongs to the ISO week (Monday to Sunday) of its end, in the agency's zone ("
                                + report.parameters().zone().getId() + ")."
                    },
                    new String[] {
                        "As of",
                        "Only what happened by the moment the report was produced counts; a report produced again later"
                                + " may differ, and the archive keeps every version."
                    },
                    new String[] {
                        "Rates", "Always part/whole with the count beside; a rate whose whole is 0 is n/a, never 0 %."
                    },
                    new String[] {"R1 on time", "First thank-you note to each interviewer within 48 h of the end."},
                    new String[] {
                        "R2 ideal moment",
                        "Sent between 2 h after the end and noon the next day, in the candidate's zone."
                    },
                    new String[] {"R3 thanked", "Interviewers thanked, of interviewers met (one step each)."},
                    new String[] {"R4/R20 debrief", "Debrief written within 24 h of the end."},
                    new String[] {"R5 next steps", "Interviews whose timeline (even \"no date given\") was recorded."},
                    new String[] {
                        "R6 early", "A status check before 09:00 on the first business day after the company's date."
                    },
                    new String[] {
                        "R7 too close",
                        "A status check sooner than the spacing (14 days unless the company or interview says"
                                + " otherwise) after the last check, reply or extra information."
                    },
                    new String[] {
                        "R8 over limit",
                        "A status check when the unanswered checks since the last reply had already reached the limit"
                                + " (2 unless the company says otherwise)."
                    },
                    new String[] {
                        "R10 channel",
                        "A status check on a channel other than the preferred one (later ones: or e-mail," + " phone)."
                    },
                    new String[] {"R12 personal", "A touch to an address other than the recipient's business one."},
                    new String[] {"R13 gift", "A gift or a Facebook friend request."},
                    new String[] {
                        "Breaches",
                        "R1 late + R3 missed + R20 + R6 + R7 + R8 + R10 + R12 + R13, one per offending note or touch."
                    },
                    new String[] {
                        "Replies within " + window,
                        "Of the interviews followed up (a touch after the end) whose first follow-up is at least "
                                + window + " old, those whose company replied within " + window + " of it. Weeks"
                                + " younger than " + window + " are not counted yet: pending, not 0 %."
                    },
                    new String[] {
                        "Replies so far",
                        "Interviews followed up with a reply after the first follow-up, by the as-of moment."
                    },
                    new String[] {
                        "Time to respond",
                        "First follow-up to the first reply, elapsed; median and 90th percentile of the replies."
                    },
                    new String[] {
                        "R8 closed unanswered",
                        "Threads without a decision whose allowed status checks went unanswered for the spacing."
                    },
                    new String[] {
                        "R18 left out",
                        "Interviews with companies marked \"does not reply\" count in no response figure."
                    });
            new Table(
                            "Definitions",
                            "What each figure of this report counts, with the follow-up rule it measures.",
                            List.of(Column.text("Figure"), Column.text("Definition")),
                            rows,
                            new float[] {1.3f, 8f})
                    .add();
        }

        /** A table with its heading and sentence, added so that no page holds fewer than MIN_ROWS of its rows. */
        private final class Table {
            private final String title;
            private final String sentence;
            private final List<Column> columns;
            private final List<String[]> rows;
            private final float[] relativeWidths;

            Table(String title, String sentence, List<Column> columns, List<String[]> rows, float[] relativeWidths) {
                this.title = title;
                this.sentence = sentence;
                this.columns = columns;
                this.rows = rows;
                this.relativeWidths = relativeWidths;
            }

            void add() throws DocumentException {
                float width = document.right() - document.left();
                Layout layout = relativeWidths != null
                        ? new Layout(7.5f, scaled(relativeWidths, width))
                        : layout(columns, rows, width);
                PdfPTable full = build(layout, 0, rows.size(), false);
                float[] heights = new float[rows.size()];
                float header = 0;
                for (int index = 0; index < full.getHeaderRows(); index++) {
                    header += full.getRowHeight(index);
                }
                for (int index = 0; index < rows.size(); index++) {
                    heights[index] = full.getRowHeight(full.getHeaderRows() + index);
                }
                float pageSpace = document.top() - document.bottom() - BLOCK_SPACING;
                int from = 0;
                boolean continued = false;
                while (true) {
                    float available = writer.getVerticalPosition(true) - document.bottom() - BLOCK_SPACING;
                    boolean freshPage = available >= pageSpace - 1;
                    int remaining = rows.size() - from;
                    int fit = 0;
                    float used = header;
                    while (fit < remaining && used + heights[from + fit] <= available) {
                        used += heights[from + fit];
                        fit++;
                    }
                    if (fit < remaining) {
                        float all = header;
                        for (int index = from; index < rows.size(); index++) {
                            all += heights[index];
                        }
                        // Start on a fresh page when the table would fit there whole, or when only a few rows
                        // would stay here.
                        if (!freshPage && (all <= pageSpace || fit < Math.min(MIN_ROWS, remaining))) {
                            document.newPage();
                            continue;
                        }
                        int rest = remaining - fit;
                        if (rest < MIN_ROWS) {
                            fit = Math.max(Math.min(fit, MIN_ROWS), remaining - MIN_ROWS);
                        }
                        fit = Math.max(1, fit);
                    }
                    PdfPTable table = build(layout, from, from + fit, continued);
                    table.setSpacingBefore(BLOCK_SPACING);
                    document.add(table);
                    from += fit;
                    if (from >= rows.size()) {
                        return;
                    }
                    document.newPage();
                    continued = true;
                }
            }

            private PdfPTable build(Layout layout, int from, int to, boolean continued) throws DocumentException {
                PdfPTable table = new PdfPTable(layout.widths().length);
                table.setTotalWidth(layout.widths());
                table.setLockedWidth(true);
                table.setHorizontalAlignment(Element.ALIGN_LEFT);
                Font cellFont = new Font(Font.HELVETICA, layout.size(), Font.NORMAL, INK);
                Font headerFont = new Font(Font.HELVETICA, layout.size(), Font.BOLD, INK);
                PdfPCell heading = new PdfPCell(new Phrase(title + (continued ? " (continued)" : ""), HEADING));
                heading.setColspan(layout.widths().length);
                heading.setBorder(Rectangle.NO_BORDER);
                heading.setPaddingLeft(0);
                heading.setPaddingBottom(3);
                table.addCell(heading);
                PdfPCell words = new PdfPCell(new Phrase(sentence, SENTENCE));
                words.setColspan(layout.widths().length);
                words.setBorder(Rectangle.NO_BORDER);
                words.setPaddingLeft(0);
                words.setPaddingBottom(5);
                table.addCell(words);
                for (Column column : columns) {
                    PdfPCell cell = new PdfPCell(new Phrase(column.header(), headerFont));
                    cell.setBackgroundColor(HEADER_FILL);
                    cell.setBorderColor(RULE);
                    cell.setPadding(CELL_PADDING);
                    cell.setHorizontalAlignment(column.number() ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
                    table.addCell(cell);
                }
                table.setHeaderRows(3);
                for (int index = from; index < to; index++) {
                    String[] values = rows.get(index);
                    if (values.length == 1 && columns.size() > 1) {
                        PdfPCell cell = new PdfPCell(new Phrase(values[0], cellFont));
                        cell.setColspan(columns.size());
                        cell.setBorderColor(RULE);
                        cell.setPadding(CELL_PADDING);
                        table.addCell(cell);
                        continue;
                    }
                    for (int column = 0; column < values.length; column++) {
                        PdfPCell cell = new PdfPCell(new Phrase(values[column], column == 0 ? headerFont : cellFont));
                        cell.setBorderColor(RULE);
                        cell.setBorder(Rectangle.BOTTOM);
                        cell.setPadding(CELL_PADDING);
                        cell.setHorizontalAlignment(
                                columns.get(column).number() ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
                        table.addCell(cell);
                    }
                }
                return table;
            }
        }

        private String windowDays() {
            return Long.toString(WeeklyParameters.RESPONSE_WINDOW.toDays());
        }

        private String windowCell(FigureRow row) {
            if (report.responsePending(row)) {
                return "pending";
            }
            return report.responseWithinWindow(row)
                    .map(rate -> row.respondedWithinWindow() + "/" + row.followedUpCounted() + " ("
                            + percent(Optional.of(rate)) + ")")
                    .orElse("n/a");
        }

        private String weekLabel(String week) {
            IsoWeek isoWeek = IsoWeek.parse(week);
            return week.substring(5) + " (" + SHORT_DAY.format(isoWeek.monday()) + ")";
        }
    }

    /** A table column: its header (wrapped only between words) and whether it holds numbers (right-aligned). */
    record Column(String header, boolean number) {
        static Column text(String header) {
            return new Column(header, false);
        }

        static Column number(String header) {
            return new Column(header, true);
        }
    }

    /** A column of a group table: its header, value, and when it counts as zero (null: always shown). */
    private record GroupColumn(String header, Function<FigureRow, String> value, Predicate<FigureRow> zero) {}

    private static List<GroupColumn> groupColumns(Dimension dimension) {
        return List.of(
                new GroupColumn("Name", FigureRow::name, null),
                new GroupColumn("Interviews held", row -> Long.toString(row.interviews()), null),
                new GroupColumn(
                        "R1 on time",
                        row -> part(row.thankYouOnTime(), row.thankYouDue()),
                        row -> row.thankYouDue() == 0),
                new GroupColumn(
                        "R2 ideal moment",
                        row -> part(row.thankYouIdeal(), row.thankYouSent()),
                        row -> row.thankYouSent() == 0),
                new GroupColumn(
                        "R3 thanked",
                        row -> part(row.thankYouSent(), row.thankYouSteps()),
                        row -> row.thankYouSteps() == 0),
                new GroupColumn(
                        "R20 debrief on time",
                        row -> part(row.debriefsOnTime(), row.debriefsDue()),
                        row -> row.debriefsDue() == 0),
                new GroupColumn(
                        "R5 next steps",
                        row -> part(row.timelinesRecorded(), row.interviews()),
                        row -> row.interviews() == 0),
                new GroupColumn(
                        "Status checks", row -> Long.toString(row.statusChecks()), row -> row.statusChecks() == 0),
                new GroupColumn("R6 early", row -> Long.toString(row.r6Breaches()), row -> row.r6Breaches() == 0),
                new GroupColumn("R7 too close", row -> Long.toString(row.r7Breaches()), row -> row.r7Breaches() == 0),
                new GroupColumn("R8 over limit", row -> Long.toString(row.r8Breaches()), row -> row.r8Breaches() == 0),
                new GroupColumn("R10 channel", row -> Long.toString(row.r10Breaches()), row -> row.r10Breaches() == 0),
                new GroupColumn("R12 personal", row -> Long.toString(row.r12Breaches()), row -> row.r12Breaches() == 0),
                new GroupColumn("R13 gift", row -> Long.toString(row.r13Breaches()), row -> row.r13Breaches() == 0),
                new GroupColumn(
                        "Replies so far", row -> part(row.responded(), row.followedUp()), row -> row.followedUp() == 0),
                new GroupColumn(
                        "Median reply",
                        row -> hours(WeeklyReport.hours(row.responseMedianSeconds())),
                        row -> row.responseMedianSeconds().isEmpty()),
                new GroupColumn(
                        "P90 reply",
                        row -> hours(WeeklyReport.hours(row.responseP90Seconds())),
                        row -> row.responseP90Seconds().isEmpty()),
                new GroupColumn("R8 closed unanswered", row -> Long.toString(row.ghosted()), row -> row.ghosted() == 0),
                new GroupColumn("Breaches", row -> Long.toString(row.breaches()), null));
    }

    /** Every header of the report's tables, for the tests that look for broken words. */
    static List<String> groupHeaders() {
        return groupColumns(Dimension.COMPANY).stream().map(GroupColumn::header).toList();
    }

    /** The font size and column widths of a table. */
    record Layout(float size, float[] widths) {}

    /**
     * Column widths from the content: each column as wide as its longest header word and its widest value (so no word
     * is ever broken), the first column gets the rest; the first text size at which that fits the page.
     */
    static Layout layout(List<Column> columns, List<String[]> rows, float width) {
        for (float size : TABLE_SIZES) {
            float[] widths = new float[columns.size()];
            float needed = 0;
            for (int column = 0; column < columns.size(); column++) {
                float widest = 0;
                for (String word : columns.get(column).header().split("\\s+")) {
                    widest = Math.max(widest, width(word, BaseFont.HELVETICA_BOLD, size));
                }
                if (column > 0) {
                    for (String[] row : rows) {
                        if (row.length > column) {
                            for (String line : row[column].split("\n")) {
                                widest = Math.max(widest, width(line, BaseFont.HELVETICA, size));
                            }
                        }
                    }
                }
                widths[column] = widest + 2 * CELL_PADDING + 3;
                needed += widths[column];
            }
            float firstMinimum = Math.max(widths[0], 110);
            float rest = needed - widths[0];
            if (rest + firstMinimum <= width || size == TABLE_SIZES[TABLE_SIZES.length - 1]) {
                // Spread what is left: the first column (names) takes most, the others share the remainder.
                float spare = Math.max(0, width - rest - firstMinimum);
                widths[0] = firstMinimum + Math.min(spare, 200);
                spare -= Math.min(spare, 200);
                for (int column = 1; column < widths.length; column++) {
                    widths[column] += spare / (widths.length - 1);
                }
                return new Layout(size, widths);
            }
        }
        throw new IllegalStateException("unreachable: the last size is always taken");
    }

    private static float[] scaled(float[] relative, float width) {
        float sum = 0;
        for (float one : relative) {
            sum += one;
        }
        float[] widths = new float[relative.length];
        for (int index = 0; index < relative.length; index++) {
            widths[index] = width * relative[index] / sum;
        }
        return widths;
    }

    /** "Acme: 3 breaches: 2 R1 thank-you notes after 48 h, ..." with only the rules that have something to say. */
    static String attentionLine(FigureRow row) {
        List<String> parts = new ArrayList<>();
        addRule(parts, row.thankYouLate(), "R1 thank-you note sent after 48 h", "R1 thank-you notes sent after 48 h");
        addRule(parts, row.thankYouMissed(), "R3 interviewer not thanked", "R3 interviewers not thanked");
        addRule(parts, row.r20Breaches(), "R20 debrief later than 24 h", "R20 debriefs later than 24 h");
        addRule(
                parts,
                row.r6Breaches(),
                "R6 status check before the company's date",
                "R6 status checks before the company's date");
        addRule(
                parts,
                row.r7Breaches(),
                "R7 status check too soon after the last contact",
                "R7 status checks too soon after the last contact");
        addRule(
                parts,
                row.r8Breaches(),
                "R8 status check over the limit of unanswered checks",
                "R8 status checks over the limit of unanswered checks");
        addRule(
                parts,
                row.r10Breaches(),
                "R10 status check on the wrong channel",
                "R10 status checks on the wrong channel");
        addRule(parts, row.r12Breaches(), "R12 touch to a personal address", "R12 touches to a personal address");
        addRule(
                parts,
                row.r13Breaches(),
                "R13 gift or Facebook friend request",
                "R13 gifts or Facebook friend requests");
        StringBuilder line = new StringBuilder(count(row.breaches(), "breach", "breaches"));
        if (!parts.isEmpty()) {
            line.append(": ").append(String.join(", ", parts));
        }
        if (row.ghosted() > 0) {
            line.append("; ").append(count(row.ghosted(), "thread", "threads")).append(" closed unanswered (R8)");
        }
        line.append("; in ")
                .append(count(row.interviews(), "interview", "interviews"))
                .append('.');
        return line.toString();
    }

    private static void addRule(List<String> parts, long count, String one, String many) {
        if (count > 0) {
            parts.add(count + " " + (count == 1 ? one : many));
        }
    }

    /** The status-check (or touch) breaches of a row in short words, only the rules with a breach. */
    private static String shortRules(FigureRow row, boolean statusChecks) {
        List<String> parts = new ArrayList<>();
        if (statusChecks) {
            addRule(parts, row.r6Breaches(), "R6 early", "R6 early");
            addRule(parts, row.r7Breaches(), "R7 too close", "R7 too close");
            addRule(parts, row.r8Breaches(), "R8 over the limit", "R8 over the limit");
            addRule(parts, row.r10Breaches(), "R10 wrong channel", "R10 wrong channel");
        } else {
            addRule(parts, row.r12Breaches(), "R12 personal address", "R12 personal address");
            addRule(parts, row.r13Breaches(), "R13 gift or Facebook request", "R13 gifts or Facebook requests");
        }
        return String.join(", ", parts);
    }

    /** "1 breach", "2 breaches", "0 breaches". */
    static String count(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    private static String plural(Dimension dimension) {
        return dimension == Dimension.CANDIDATE ? "candidates" : "client companies";
    }

    private static String part(long part, long whole) {
        return part + "/" + whole;
    }

    private record Series(String name, Color color, ToDoubleFunction<FigureRow> value) {}

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : 100.0 * part / whole;
    }

    /** The smallest of 1, 2, 5, 10, 20, 50... at least {@code rough}: grid lines at round numbers. */
    static long niceStep(long rough) {
        long magnitude = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (factor * magnitude >= rough) {
                    return factor * magnitude;
                }
            }
            magnitude *= 10;
        }
    }

    private static void frame(PdfContentByte canvas, float x, float y, float width, float height, String title) {
        canvas.setColorStroke(RULE);
        canvas.setLineWidth(0.8f);
        canvas.rectangle(x, y, width, height);
        canvas.stroke();
        text(canvas, title, x + 8, y + height - 14, 9, INK, Element.ALIGN_LEFT);
    }

    private static void line(PdfContentByte canvas, float x1, float y1, float x2, float y2, Color color, float width) {
        canvas.setColorStroke(color);
        canvas.setLineWidth(width);
        canvas.moveTo(x1, y1);
        canvas.lineTo(x2, y2);
        canvas.stroke();
    }

    private static void text(
            PdfContentByte canvas, String text, float x, float y, float size, Color color, int alignment) {
        canvas.beginText();
        canvas.setFontAndSize(font(BaseFont.HELVETICA), size);
        canvas.setColorFill(color);
        canvas.showTextAligned(alignment, text, x, y, 0);
        canvas.endText();
    }

    private static float width(String text, String fontName, float size) {
        return font(fontName).getWidthPoint(text, size);
    }

    private static BaseFont font(String name) {
        try {
            return BaseFont.createFont(name, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dimensionName(Dimension dimension) {
        return switch (dimension) {
            case AGENCY -> "agency";
            case RECRUITER -> "recruiter";
            case CANDIDATE -> "candidate";
            case COMPANY -> "client company";
            case HIRING_MANAGER -> "hiring manager";
        };
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String percent(Optional<BigDecimal> rate) {
        return rate.map(value -> value.movePointRight(2).setScale(1, RoundingMode.HALF_UP) + " %")
                .orElse("n/a");
    }

    private static String hours(Optional<BigDecimal> hours) {
        return hours.map(value -> value.toPlainString() + " h").orElse("n/a");
    }
}
