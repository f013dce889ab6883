package com.followup.reports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The long CSV file cut into tidy tables, one zip (issue 17): one file per dimension of the report week and one for the
 * trend, each with one row per group and one column per figure, under a header of plain names. The tables are cut
 * from the CSV file itself, so they hold exactly its figures, names already neutralised ({@link
 * CsvReport#neutralised}) included; a column the CSV has not (a version archived before it existed) is left empty.
 * Every column is documented in docs/reports.md.
 */
public final class TidyCsvReport {
    /** The figure columns every table carries, from {@code interviews} to the end of {@link CsvReport#COLUMNS}. */
    public static final List<String> FIGURES =
            CsvReport.COLUMNS.subList(CsvReport.COLUMNS.indexOf("interviews"), CsvReport.COLUMNS.size());

    /** A file of the zip: its name, the key columns before the figures, and which CSV rows it holds. */
    public record Table(String fileName, List<String> keys, String dimension, boolean allWeeks) {
        public List<String> header() {
            List<String> header = new ArrayList<>(keys);
            header.addAll(FIGURES);
            return header;
        }
    }

    /** The files of the zip, in order. */
    public static final List<Table> TABLES = List.of(
            new Table("agency.csv", List.of("week", "scope", "as_of"), "AGENCY", false),
            new Table("recruiters.csv", List.of("week", "recruiter_id", "recruiter"), "RECRUITER", false),
            new Table("candidates.csv", List.of("week", "candidate_id", "candidate"), "CANDIDATE", false),
            new Table("companies.csv", List.of("week", "company_id", "company"), "COMPANY", false),
            new Table(
                    "hiring_managers.csv",
                    List.of("week", "hiring_manager_id", "hiring_manager"),
                    "HIRING_MANAGER",
                    false),
            new Table("trend.csv", List.of("week", "group", "group_id", "name"), null, true));

    private static final CSVFormat READ =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    private TidyCsvReport() {}

    /** The zip of tidy tables cut from a report's CSV file (as {@link CsvReport#render} writes it). */
    public static byte[] zip(byte[] csv) {
        List<CSVRecord> records;
        Map<String, Integer> header;
        try (Reader reader = new InputStreamReader(withoutByteOrderMark(csv), StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, READ)) {
            header = parser.getHeaderMap();
            records = parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String reportWeek =
                records.stream().map(r -> r.get("week")).max(String::compareTo).orElse("");
        Instant asOf =
                records.isEmpty() ? Instant.EPOCH : Instant.parse(records.get(0).get("as_of"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Table table : TABLES) {
                ZipEntry entry = new ZipEntry(table.fileName());
                // The same CSV gives the same bytes on every server, whatever its time zone.
                entry.setTimeLocal(LocalDateTime.ofInstant(asOf, ZoneOffset.UTC));
                zip.putNextEntry(entry);
                zip.write(table(table, records, header, reportWeek));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] table(Table table, List<CSVRecord> records, Map<String, Integer> header, String reportWeek)
            throws IOException {
        Predicate<CSVRecord> holds = table.allWeeks()
                ? record -> List.of("AGENCY", "RECRUITER", "COMPANY").contains(record.get("dimension"))
                : record -> record.get("dimension").equals(table.dimension())
                        && record.get("week").equals(reportWeek);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            writer.write('\uFEFF');
            CSVPrinter printer = new CSVPrinter(
                    writer,
                    CSVFormat.RFC4180
                            .builder()
                            .setHeader(table.header().toArray(String[]::new))
                            .get());
            for (CSVRecord record : records) {
                if (!holds.test(record)) {
                    continue;
                }
                List<String> values = new ArrayList<>();
                for (String key : table.keys()) {
                    values.add(
                            switch (key) {
                                case "week", "scope", "as_of", "name" -> record.get(key);
                                case "group" -> record.get("dimension").toLowerCase(java.util.Locale.ROOT);
                                case "group_id", "recruiter_id", "candidate_id", "company_id", "hiring_manager_id" ->
                                    record.get("group_id");
                                default -> record.get("name");
                            });
                }
                for (String figure : FIGURES) {
                    values.add(header.containsKey(figure) ? record.get(figure) : "");
                }
                printer.printRecord(values);
            }
            printer.flush();
        }
        return bytes.toByteArray();
    }

    private static ByteArrayInputStream withoutByteOrderMark(byte[] csv) {
        boolean bom = csv.length >= 3 && (csv[0] & 0xFF) == 0xEF && (csv[1] & 0xFF) == 0xBB && (csv[2] & 0xFF) == 0xBF;
        return bom ? new ByteArrayInputStream(csv, 3, csv.length - 3) : new ByteArrayInputStream(csv);
    }
}
