package com.followup.reports;

import com.lowagie.text.Chunk;
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
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The report as a designed PDF (OpenPDF, built-in Helvetica, so no font has to be installed): title, agency, week,
 * headline figures with their counts, trend charts of the last eight weeks, the tables per group, and who most needs
 * attention. The charts are drawn with OpenPDF's vector graphics: a chart library would need the platform's fonts
 * for its text (see docs/decisions/0007-reports.md).
 */
public final class PdfReport {
    private static final Color INK = new Color(0x1F, 0x2A, 0x37);
    private static final Color MUTED = new Color(0x6B, 0x72, 0x80);
    private static final Color ACCENT = new Color(0x25, 0x63, 0xEB);
    private static final Color SECOND = new Color(0x05, 0x96, 0x69);
    private static final Color THIRD = new Color(0xD9, 0x77, 0x06);
    private static final Color ALERT = new Color(0xDC, 0x26, 0x26);
    private static final Color RULE = new Color(0xE5, 0xE7, 0xEB);
    private static final Color HEADER_FILL = new Color(0xF3, 0xF4, 0xF6);

    private static final Font TITLE = new Font(Font.HELVETICA, 20, Font.BOLD, INK);
    private static final Font SUBTITLE = new Font(Font.HELVETICA, 10, Font.NORMAL, MUTED);
    private static final Font HEADING = new Font(Font.HELVETICA, 12, Font.BOLD, INK);
    private static final Font LABEL = new Font(Font.HELVETICA, 8, Font.NORMAL, MUTED);
    private static final Font FIGURE = new Font(Font.HELVETICA, 14, Font.BOLD, INK);
    private static final Font CELL = new Font(Font.HELVETICA, 7.5f, Font.NORMAL, INK);
    private static final Font CELL_HEADER = new Font(Font.HELVETICA, 7, Font.BOLD, INK);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("EEE d MMM uuuu", java.util.Locale.ENGLISH);
    private static final DateTimeFormatter MOMENT =
            DateTimeFormatter.ofPattern("d MMM uuuu HH:mm", java.util.Locale.ENGLISH);

    private PdfReport() {}

    public static byte[] render(WeeklyReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, bytes);
            document.addTitle("Weekly follow-up report " + report.parameters().week());
            document.addAuthor(report.parameters().agencyName());
            document.addCreator("Followup");
            document.open();
            title(document, report);
            headline(document, report.headline());
            charts(document, writer, report);
            document.newPage();
            attention(document, report);
            for (Dimension dimension :
                    List.of(Dimension.RECRUITER, Dimension.CANDIDATE, Dimension.COMPANY, Dimension.HIRING_MANAGER)) {
                table(document, report, dimension);
            }
            definitions(document);
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot build the PDF report", e);
        }
        return bytes.toByteArray();
    }

    private static void title(Document document, WeeklyReport report) throws DocumentException {
        WeeklyParameters parameters = report.parameters();
        ZoneId zone = parameters.zone();
        document.add(new Paragraph("Weekly follow-up report", TITLE));
        Paragraph subtitle = new Paragraph(
                parameters.agencyName() + "  |  week " + parameters.week() + " ("
                        + DAY.format(parameters.week().monday()) + " to "
                        + DAY.format(parameters.week().monday().plusDays(6)) + ", " + zone.getId() + ")  |  "
                        + (parameters.scope().isAgency() ? "whole agency" : "candidates of " + scopeName(report))
                        + "  |  data as of " + MOMENT.format(parameters.asOf().atZone(zone)),
                SUBTITLE);
        subtitle.setSpacingAfter(12);
        document.add(subtitle);
    }

    private static String scopeName(WeeklyReport report) {
        return report.rows(Dimension.RECRUITER).stream()
                .findFirst()
                .map(FigureRow::name)
                .orElse("recruiter " + report.parameters().scope().recruiterId().orElseThrow());
    }

    private static void headline(Document document, FigureRow row) throws DocumentException {
        document.add(new Paragraph("This week", HEADING));
        PdfPTable table = new PdfPTable(6);
        table.setWidthPercentage(100);
        table.setSpacingBefore(6);
        table.setSpacingAfter(10);
        figure(table, "Interviews held", Long.toString(row.interviews()), "ended this week");
        figure(
                table,
                "R1 thank-you within 48 h",
                percent(WeeklyReport.rate(row.thankYouOnTime(), row.thankYouDue())),
                row.thankYouOnTime() + " of " + row.thankYouDue() + " due");
        figure(
                table,
                "R2 ideal moment",
                percent(WeeklyReport.rate(row.thankYouIdeal(), row.thankYouSent())),
                row.thankYouIdeal() + " of " + row.thankYouSent() + " notes");
        figure(
                table,
                "R3 interviewers thanked",
                percent(WeeklyReport.rate(row.thankYouSent(), row.thankYouSteps())),
                row.thankYouSent() + " of " + row.thankYouSteps() + " met");
        figure(
                table,
                "R4/R20 debrief in 24 h",
                percent(WeeklyReport.rate(row.debriefsOnTime(), row.debriefsDue())),
                row.debriefsOnTime() + " of " + row.debriefsDue() + " due");
        figure(
                table,
                "R5 timeline recorded",
                percent(WeeklyReport.rate(row.timelinesRecorded(), row.interviews())),
                row.timelinesRecorded() + " of " + row.interviews() + " interviews");
        figure(
                table,
                "Status checks",
                Long.toString(row.statusChecks()),
                "R6 premature " + row.r6Breaches() + ", R7 too close " + row.r7Breaches());
        figure(
                table,
                "R8 over the limit / R10 channel",
                row.r8Breaches() + " / " + row.r10Breaches(),
                "of " + row.statusChecks() + " status checks");
        figure(
                table,
                "R12 personal / R13 forbidden",
                row.r12Breaches() + " / " + row.r13Breaches(),
                "of " + row.touches() + " touches");
        figure(
                table,
                "Company response rate",
                percent(WeeklyReport.rate(row.responded(), row.followedUp())),
                row.responded() + " of " + row.followedUp() + " followed up");
        figure(
                table,
                "Time to respond",
                hours(WeeklyReport.hours(row.responseMedianSeconds())) + " median",
                "90th percentile " + hours(WeeklyReport.hours(row.responseP90Seconds())) + ", n = " + row.responded());
        figure(
                table,
                "R8 ghosted threads",
                Long.toString(row.ghosted()),
                "left out (R18 does not reply): " + row.r18InterviewsLeftOut() + " interviews");
        document.add(table);
    }

    private static void figure(PdfPTable table, String label, String value, String count) {
        PdfPCell cell = new PdfPCell();
        cell.setBorderColor(RULE);
        cell.setPadding(6);
        cell.addElement(new Paragraph(label, LABEL));
        cell.addElement(new Paragraph(value, FIGURE));
        cell.addElement(new Paragraph(count, LABEL));
        table.addCell(cell);
    }

    private static void charts(Document document, PdfWriter writer, WeeklyReport report) throws DocumentException {
        document.add(new Paragraph("The last " + report.parameters().trendWeeks() + " weeks", HEADING));
        List<FigureRow> trend = report.trend();
        float width = 362;
        float height = 170;
        PdfContentByte canvas = writer.getDirectContent();
        float top = writer.getVerticalPosition(true) - 8;
        float left = document.left();
        lineChart(
                canvas,
                left,
                top - height,
                width,
                height,
                "Rates (%)",
                trend,
                List.of(
                        new Series("R1 on time", ACCENT, row -> ratio(row.thankYouOnTime(), row.thankYouDue())),
                        new Series("R3 coverage", SECOND, row -> ratio(row.thankYouSent(), row.thankYouSteps())),
                        new Series("Response rate", THIRD, row -> ratio(row.responded(), row.followedUp()))));
        barChart(canvas, left + width + 46, top - height, width, height, trend);
        // Leave the charts' room empty in the flow of the page.
        Paragraph space = new Paragraph(" ");
        space.setSpacingBefore(height + 14);
        document.add(space);
    }

    private record Series(String name, Color color, ToDoubleFunction<FigureRow> value) {}

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : 100.0 * part / whole;
    }

    private static void lineChart(
            PdfContentByte canvas,
            float x,
            float y,
            float width,
            float height,
            String title,
            List<FigureRow> trend,
            List<Series> series) {
        float plotLeft = x + 28;
        float plotBottom = y + 28;
        float plotWidth = width - 36;
        float plotHeight = height - 52;
        frame(canvas, x, y, width, height, title);
        for (int percent = 0; percent <= 100; percent += 25) {
            float lineY = plotBottom + plotHeight * percent / 100f;
            line(canvas, plotLeft, lineY, plotLeft + plotWidth, lineY, RULE, 0.5f);
            text(canvas, Integer.toString(percent), plotLeft - 4, lineY - 2.5f, 7, MUTED, Element.ALIGN_RIGHT);
        }
        float step = plotWidth / Math.max(1, trend.size() - 1);
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
            legendX += 90;
        }
    }

    private static void barChart(
            PdfContentByte canvas, float x, float y, float width, float height, List<FigureRow> trend) {
        frame(canvas, x, y, width, height, "Interviews and breaches");
        float plotLeft = x + 28;
        float plotBottom = y + 28;
        float plotWidth = width - 36;
        float plotHeight = height - 52;
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
        text(canvas, "Interviews", plotLeft + 11, y + 5, 7, INK, Element.ALIGN_LEFT);
        canvas.setColorFill(ALERT);
        canvas.rectangle(plotLeft + 90, y + 6, 8, 4);
        canvas.fill();
        text(canvas, "Breaches", plotLeft + 101, y + 5, 7, INK, Element.ALIGN_LEFT);
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
        BaseFont font = helvetica();
        canvas.beginText();
        canvas.setFontAndSize(font, size);
        canvas.setColorFill(color);
        canvas.showTextAligned(alignment, text, x, y, 0);
        canvas.endText();
    }

    private static BaseFont helvetica() {
        try {
            return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void attention(Document document, WeeklyReport report) throws DocumentException {
        document.add(new Paragraph("Most need attention", HEADING));
        PdfPTable table = new PdfPTable(2);
        table.setWidthPercentage(100);
        table.setSpacingBefore(6);
        table.setSpacingAfter(10);
        table.addCell(attentionCell("Candidates", report.needingAttention(Dimension.CANDIDATE)));
        table.addCell(attentionCell("Client companies", report.needingAttention(Dimension.COMPANY)));
        document.add(table);
    }

    private static PdfPCell attentionCell(String title, List<FigureRow> rows) {
        PdfPCell cell = new PdfPCell();
        cell.setBorderColor(RULE);
        cell.setPadding(6);
        cell.addElement(new Paragraph(title, CELL_HEADER));
        if (rows.isEmpty()) {
            cell.addElement(new Paragraph("No breaches this week.", CELL));
        }
        for (FigureRow row : rows) {
            Phrase phrase = new Phrase();
            phrase.add(new Chunk(row.name(), CELL_HEADER));
            phrase.add(new Chunk(
                    ": " + row.breaches() + " breaches (R1 late " + row.thankYouLate() + ", R3 missed "
                            + row.thankYouMissed() + ", R20 " + (row.debriefsDue() - row.debriefsOnTime()) + ", R6 "
                            + row.r6Breaches() + ", R7 " + row.r7Breaches() + ", R8 " + row.r8Breaches() + ", R10 "
                            + row.r10Breaches() + ", R12 " + row.r12Breaches() + ", R13 " + row.r13Breaches()
                            + "), ghosted " + row.ghosted() + ", in " + row.interviews() + " interviews",
                    CELL));
            cell.addElement(new Paragraph(phrase));
        }
        return cell;
    }

    /** Rows per group table; the CSV has them all. */
    static final int TABLE_ROWS = 40;

    private static final String[] TABLE_HEADERS = {
        "Name",
        "Interviews",
        "R1 on time",
        "R2 ideal",
        "R3 thanked",
        "R4/R20 debrief",
        "R5 timeline",
        "Status checks",
        "R6",
        "R7",
        "R8",
        "R10",
        "R12",
        "R13",
        "Responded",
        "Median h",
        "P90 h",
        "Ghosted",
        "Breaches"
    };

    private static void table(Document document, WeeklyReport report, Dimension dimension) throws DocumentException {
        List<FigureRow> all = report.rows(dimension);
        // A report is read, not searched: the groups with the most breaches, the full list is the CSV's.
        List<FigureRow> rows = all.stream()
                .sorted(java.util.Comparator.comparingLong(FigureRow::breaches)
                        .reversed()
                        .thenComparing(java.util.Comparator.comparingLong(FigureRow::interviews)
                                .reversed())
                        .thenComparing(FigureRow::name))
                .limit(TABLE_ROWS)
                .toList();
        String title = "By " + dimensionName(dimension) + " (" + all.size() + ")"
                + (all.size() > rows.size() ? ", the " + rows.size() + " with the most breaches" : "");
        Paragraph heading = new Paragraph(title, HEADING);
        heading.setSpacingBefore(8);
        document.add(heading);
        PdfPTable table = new PdfPTable(TABLE_HEADERS.length);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setSpacingBefore(4);
        float[] widths = new float[TABLE_HEADERS.length];
        java.util.Arrays.fill(widths, 1f);
        widths[0] = 3f;
        table.setWidths(widths);
        for (String header : TABLE_HEADERS) {
            PdfPCell cell = new PdfPCell(new Phrase(header, CELL_HEADER));
            cell.setBackgroundColor(HEADER_FILL);
            cell.setBorderColor(RULE);
            table.addCell(cell);
        }
        for (FigureRow row : rows) {
            cells(
                    table,
                    row.name(),
                    Long.toString(row.interviews()),
                    row.thankYouOnTime() + "/" + row.thankYouDue(),
                    row.thankYouIdeal() + "/" + row.thankYouSent(),
                    row.thankYouSent() + "/" + row.thankYouSteps(),
                    row.debriefsOnTime() + "/" + row.debriefsDue(),
                    row.timelinesRecorded() + "/" + row.interviews(),
                    Long.toString(row.statusChecks()),
                    Long.toString(row.r6Breaches()),
                    Long.toString(row.r7Breaches()),
                    Long.toString(row.r8Breaches()),
                    Long.toString(row.r10Breaches()),
                    Long.toString(row.r12Breaches()),
                    Long.toString(row.r13Breaches()),
                    row.responded() + "/" + row.followedUp(),
                    hours(WeeklyReport.hours(row.responseMedianSeconds())),
                    hours(WeeklyReport.hours(row.responseP90Seconds())),
                    Long.toString(row.ghosted()),
                    Long.toString(row.breaches()));
        }
        if (all.size() > rows.size()) {
            PdfPCell cell = new PdfPCell(
                    new Phrase((all.size() - rows.size()) + " more in the CSV file, which lists every group.", CELL));
            cell.setColspan(TABLE_HEADERS.length);
            cell.setBorderColor(RULE);
            table.addCell(cell);
        }
        if (rows.isEmpty()) {
            PdfPCell cell = new PdfPCell(new Phrase("No interviews this week.", CELL));
            cell.setColspan(TABLE_HEADERS.length);
            cell.setBorderColor(RULE);
            table.addCell(cell);
        }
        document.add(table);
    }

    private static void cells(PdfPTable table, String... values) {
        for (int index = 0; index < values.length; index++) {
            PdfPCell cell = new PdfPCell(new Phrase(values[index], CELL));
            cell.setBorderColor(RULE);
            cell.setBorder(Rectangle.BOTTOM);
            cell.setHorizontalAlignment(index == 0 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
            table.addCell(cell);
        }
    }

    private static void definitions(Document document) throws DocumentException {
        Paragraph note = new Paragraph(
                "Rates are shown with their counts (part/whole). R1: first note to each interviewer within 48 h of the"
                        + " end. R2: sent between 2 h after the end and noon the next day in the candidate's zone. R3:"
                        + " interviewers thanked of interviewers met. R4/R20: debrief within 24 h. R5: next steps"
                        + " recorded. R6 before the company's date, R7 closer than the spacing, R8 beyond the limit of"
                        + " unanswered checks, R10 wrong channel, R12 personal address, R13 gift or Facebook request."
                        + " Response times: first touch after the interview to the first reply; companies marked R18"
                        + " \"does not reply\" are left out. Every figure is defined in docs/reports.md.",
                LABEL);
        note.setSpacingBefore(10);
        document.add(note);
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

    private static String percent(Optional<BigDecimal> rate) {
        return rate.map(value -> value.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP) + " %")
                .orElse("n/a");
    }

    private static String hours(Optional<BigDecimal> hours) {
        return hours.map(value -> value.toPlainString() + " h").orElse("n/a");
    }
}
