package com.followup.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The report as one long CSV file (RFC 4180: comma, double quotes, CRLF; UTF-8 with a byte order mark so LibreOffice
 * and Excel pick the encoding without asking). One row per week and group, a week without interviews as a row of
 * zeros; the columns are documented in docs/reports.md and only ever get added at the end. {@link TidyCsvReport} cuts
 * the same file into one table per dimension.
 */
public final class CsvReport {
    /** The header, in order. A rule id in a name says which rule the column measures. */
    public static final List<String> COLUMNS = List.of(
            "week",
            "scope",
            "as_of",
            "dimension",
            "group_id",
            "name",
            "interviews",
            "thank_you_steps_r3",
            "thank_you_due_r1",
            "thank_you_on_time_r1",
            "thank_you_on_time_rate_r1",
            "thank_you_late_r1",
            "thank_you_missed_r3",
            "interviewers_thanked_r3",
            "interviewer_coverage_r3",
            "thank_you_ideal_r2",
            "thank_you_ideal_rate_r2",
            "debriefs_due_r4_r20",
            "debriefs_on_time_r4_r20",
            "debrief_on_time_rate_r4_r20",
            "timelines_recorded_r5",
            "timeline_rate_r5",
            "status_checks",
            "premature_r6",
            "too_close_r7",
            "over_limit_r8",
            "wrong_channel_r10",
            "touches",
            "personal_channel_r12",
            "forbidden_r13",
            "interviews_left_out_r18",
            "followed_up",
            "responded",
            "response_rate",
            "response_median_hours",
            "response_p90_hours",
            "ghosted_r8",
            "breaches",
            "response_window_days",
            "followed_up_counted",
            "responded_within_window",
            "response_rate_within_window",
            "response_status");

    static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setHeader(COLUMNS.toArray(String[]::new))
            .get();

    private CsvReport() {}

    public static byte[] render(WeeklyReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            // The byte order mark goes before the header, which the printer writes as it opens.
            writer.write('\uFEFF');
            CSVPrinter printer = new CSVPrinter(writer, FORMAT);
            for (FigureRow row : report.rowsWithTrendZeros()) {
                printer.printRecord(values(report, row));
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<String> values(WeeklyReport report, FigureRow row) {
        WeeklyParameters parameters = report.parameters();
        List<String> values = new ArrayList<>(COLUMNS.size());
        values.add(row.week());
        values.add(parameters.scope().toString());
        values.add(parameters.asOf().toString());
        values.add(row.dimension().name());
        values.add(Long.toString(row.groupId()));
        values.add(neutralised(row.name()));
        values.add(Long.toString(row.interviews()));
        values.add(Long.toString(row.thankYouSteps()));
        values.add(Long.toString(row.thankYouDue()));
        values.add(Long.toString(row.thankYouOnTime()));
        values.add(text(WeeklyReport.rate(row.thankYouOnTime(), row.thankYouDue())));
        values.add(Long.toString(row.thankYouLate()));
        values.add(Long.toString(row.thankYouMissed()));
        values.add(Long.toString(row.thankYouSent()));
        values.add(text(WeeklyReport.rate(row.thankYouSent(), row.thankYouSteps())));
        values.add(Long.toString(row.thankYouIdeal()));
        values.add(text(WeeklyReport.rate(row.thankYouIdeal(), row.thankYouSent())));
        values.add(Long.toString(row.debriefsDue()));
        values.add(Long.toString(row.debriefsOnTime()));
        values.add(text(WeeklyReport.rate(row.debriefsOnTime(), row.debriefsDue())));
        values.add(Long.toString(row.timelinesRecorded()));
        values.add(text(WeeklyReport.rate(row.timelinesRecorded(), row.interviews())));
        values.add(Long.toString(row.statusChecks()));
        values.add(Long.toString(row.r6Breaches()));
        values.add(Long.toString(row.r7Breaches()));
        values.add(Long.toString(row.r8Breaches()));
        values.add(Long.toString(row.r10Breaches()));
        values.add(Long.toString(row.touches()));
        values.add(Long.toString(row.r12Breaches()));
        values.add(Long.toString(row.r13Breaches()));
        values.add(Long.toString(row.r18InterviewsLeftOut()));
        values.add(Long.toString(row.followedUp()));
        values.add(Long.toString(row.responded()));
        values.add(text(WeeklyReport.rate(row.responded(), row.followedUp())));
        values.add(text(WeeklyReport.hours(row.responseMedianSeconds())));
        values.add(text(WeeklyReport.hours(row.responseP90Seconds())));
        values.add(Long.toString(row.ghosted()));
        values.add(Long.toString(row.breaches()));
        values.add(Long.toString(WeeklyParameters.RESPONSE_WINDOW.toDays()));
        values.add(Long.toString(row.followedUpCounted()));
        values.add(Long.toString(row.respondedWithinWindow()));
        values.add(text(report.responseWithinWindow(row)));
        values.add(report.responsePending(row) ? "pending" : "counted");
        return values;
    }

    /**
     * A name is text people typed (a candidate names a company), and a spreadsheet runs a cell that starts with
     * {@code = + - @} (or a tab or carriage return before one) as a formula: {@code =HYPERLINK("http://…?"&A1)} would
     * send a neighbouring cell away when clicked. Such a cell gets a leading apostrophe, which spreadsheets show as
     * text and do not run (OWASP's advice for CSV injection); every other cell is left as it is.
     */
    static String neutralised(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }

    private static String text(Optional<BigDecimal> value) {
        return value.map(BigDecimal::toPlainString).orElse("");
    }
}
