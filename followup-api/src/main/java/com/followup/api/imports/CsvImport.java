package com.followup.api.imports;

import static java.util.Objects.requireNonNull;

import com.followup.api.db.CopyRows;
import com.followup.api.imports.ImportReport.RowError;
import com.followup.core.model.Candidate;
import com.followup.core.model.ClientCompany;
import com.followup.core.model.Contact;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Handle;

/**
 * One CSV import: rows are parsed and checked in Java as they stream in, the valid ones go through COPY into a
 * temporary staging table, references (a contact's company, an interview's candidate and interviewers) are checked
 * in SQL against the staging table, and the records are written with one {@code INSERT ... SELECT} per table that
 * skips those whose natural key already exists. The whole import is one transaction: a dry run, or an
 * all-or-nothing import with a bad row, rolls it back.
 */
public final class CsvImport {
    /** The most row errors a report lists; the counts still cover every row. */
    public static final int MAX_ERRORS = 10_000;

    /** Receives progress while the file is read: data rows so far. */
    public interface Progress {
        void rowsRead(long rows);
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern URL = Pattern.compile("^https?://\\S+$", Pattern.CASE_INSENSITIVE);
    private static final Set<String> CHANNELS = Set.of(
            "EMAIL",
            "PHONE",
            "TEXT_MESSAGE",
            "LINKEDIN",
            "FACEBOOK",
            "HANDWRITTEN_CARD_BY_HAND",
            "HANDWRITTEN_CARD_BY_POST",
            "PARCEL");
    private static final Set<String> CONTACT_ROLES = Set.of("INTERVIEWER", "HIRING_MANAGER", "RECRUITER");
    private static final Set<String> FORMATS = Set.of("ON_SITE", "VIDEO", "PHONE");
    /** Serialises imports: two files with the same new records must not both insert them. */
    private static final long IMPORT_LOCK = 0x496d706f7274L;

    private static final int CHUNK = 10_000;
    private static final int PROGRESS_EVERY = 5_000;

    /** A file the import cannot read (a bad header, broken quoting): nothing is written. */
    public static final class BadFile extends RuntimeException {
        BadFile(String message) {
            super(message);
        }
    }

    private final ImportKind kind;
    private final ImportMode mode;

    public CsvImport(ImportKind kind, ImportMode mode) {
        this.kind = requireNonNull(kind, "kind is null");
        this.mode = requireNonNull(mode, "mode is null");
    }

    /**
     * Runs the import on {@code handle}, which must not be in a transaction: the import begins and ends its own.
     * Returns the report; {@link ImportReport#written()} says whether it committed.
     */
    public ImportReport run(Handle handle, InputStream csv, Progress progress, Runnable beforeCommit) {
        long started = System.nanoTime();
        handle.begin();
        boolean committed = false;
        try {
            handle.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                    .bind("key", IMPORT_LOCK)
                    .mapTo(Integer.class)
                    .one();
            handle.execute("CREATE TEMPORARY TABLE import_staging (" + stagingColumns() + ") ON COMMIT DROP");
            Parsed parsed = parse(handle.getConnection(), csv, progress);
            handle.execute("ANALYZE import_staging");
            List<RowError> errors = new ArrayList<>(parsed.errors);
            Set<Long> badLines = new HashSet<>(parsed.badLines);
            checkReferences(handle, errors, badLines);
            long valid = parsed.rowsRead - badLines.size();
            long inserted = insert(handle);
            boolean write = mode == ImportMode.VALID_ROWS || (mode == ImportMode.ALL_OR_NOTHING && badLines.isEmpty());
            errors.sort(Comparator.comparingLong(RowError::line));
            boolean truncated = errors.size() > MAX_ERRORS || parsed.errorsTruncated;
            ImportReport report = new ImportReport(
                    kind,
                    mode,
                    parsed.rowsRead,
                    valid,
                    badLines.size(),
                    inserted,
                    valid - inserted,
                    write,
                    errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors,
                    truncated,
                    (System.nanoTime() - started) / 1_000_000);
            if (write) {
                beforeCommit.run();
                handle.commit();
                committed = true;
            }
            return report;
        } catch (SQLException e) {
            throw new IllegalStateException("import failed", e);
        } finally {
            if (!committed) {
                handle.rollback();
            }
        }
    }

    /** The report's row counts, the bad lines and their errors. */
    private static final class Parsed {
        long rowsRead;
        final List<RowError> errors = new ArrayList<>();
        final Set<Long> badLines = new HashSet<>();
        boolean errorsTruncated;

        void add(RowError error) {
            badLines.add(error.line());
            if (errors.size() < MAX_ERRORS) {
                errors.add(error);
            } else {
                errorsTruncated = true;
            }
        }
    }

    private Parsed parse(Connection connection, InputStream csv, Progress progress) throws SQLException {
        Reader reader = new InputStreamReader(csv, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(false)
                .setTrim(true)
                .setAllowMissingColumnNames(true)
                .get();
        CopyRows staging = new CopyRows("import_staging", String.join(", ", stagingCopyColumns()));
        Parsed parsed = new Parsed();
        try (CSVParser parser =
                CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> columns = columns(parser.getHeaderNames());
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                if (isBlank(record)) {
                    continue;
                }
                parsed.rowsRead++;
                Row row = new Row(record, columns, line, parsed);
                List<Object> values = validate(row);
                if (!row.bad) {
                    staging.field(line);
                    values.forEach(staging::field);
                    staging.end();
                    if (staging.pending() >= CHUNK) {
                        staging.flush(connection);
                    }
                }
                if (parsed.rowsRead % PROGRESS_EVERY == 0) {
                    progress.rowsRead(parsed.rowsRead);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // commons-csv reports broken quoting as an I/O error; its message names the line it got to.
            throw new BadFile("The file is not valid CSV: " + e.getMessage());
        }
        staging.flush(connection);
        progress.rowsRead(parsed.rowsRead);
        return parsed;
    }

    /** The header's columns by lower-case name; a missing required or an unknown column refuses the file. */
    private Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int index = 0; index < header.size(); index++) {
            String name = header.get(index).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!kind.columns().contains(name)) {
                unknown.add(name);
            } else if (columns.put(name, index) != null) {
                throw new BadFile("The column " + name + " appears twice in the header.");
            }
        }
        List<String> missing = kind.required().stream()
                .filter(name -> !columns.containsKey(name))
                .toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new BadFile("The header of a " + kind.slug() + " file needs the columns " + kind.required()
                    + " and may have " + kind.optional() + (missing.isEmpty() ? "" : "; missing: " + missing)
                    + (unknown.isEmpty() ? "" : "; unknown: " + unknown) + ".");
        }
        return columns;
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** One data row being checked: its values by column, and the errors it collects. */
    private static final class Row {
        final CSVRecord record;
        final Map<String, Integer> columns;
        final long line;
        final Parsed parsed;
        boolean bad;

        Row(CSVRecord record, Map<String, Integer> columns, long line, Parsed parsed) {
            this.record = record;
            this.columns = columns;
            this.line = line;
            this.parsed = parsed;
        }

        /** The trimmed value, or null when the column is absent or empty. */
        String value(String column) {
            Integer index = columns.get(column);
            if (index == null || index >= record.size()) {
                return null;
            }
            String value = record.get(index);
            return value.isEmpty() ? null : value;
        }

        String required(String column) {
            String value = value(column);
            if (value == null) {
                error(column, "is required");
            }
            return value;
        }

        /** A required name the core's {@code blank} rule accepts (a name of white space only is refused). */
        String name(String column, Function<String, Optional<String>> blank) {
            String value = required(column);
            if (value != null && blank.apply(value).isPresent()) {
                error(column, "is blank");
                return null;
            }
            return value;
        }

        void error(String column, String reason) {
            bad = true;
            parsed.add(new RowError(line, column, reason));
        }

        String email(String column, boolean required) {
            String value = required ? required(column) : value(column);
            if (value != null && !EMAIL.matcher(value).matches()) {
                error(column, "is not an e-mail address");
            }
            return value;
        }

        String oneOf(String column, Set<String> allowed, boolean required) {
            String value = required ? required(column) : value(column);
            if (value == null) {
                return null;
            }
            String normalised = value.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            if (!allowed.contains(normalised)) {
                error(column, "must be one of " + new java.util.TreeSet<>(allowed));
                return null;
            }
            return normalised;
        }

        Integer positive(String column) {
            String value = value(column);
            if (value == null) {
                return null;
            }
            try {
                int number = Integer.parseInt(value);
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            error(column, "must be a whole number of at least 1");
            return null;
        }

        OffsetDateTime instant(String column) {
            String value = required(column);
            if (value == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                error(column, "must be a date and time with an offset, e.g. 2026-03-16T10:00:00+00:00");
                return null;
            }
        }
    }

    private String stagingColumns() {
        return switch (kind) {
            case CANDIDATES ->
                "line bigint PRIMARY KEY, name text, email text, zone text, recruiter_email text, recruiter_id bigint,"
                        + " ok boolean NOT NULL DEFAULT true";
            case COMPANIES ->
                "line bigint PRIMARY KEY, name text, spacing_days integer, status_check_limit integer,"
                        + " preferred_channel text, does_not_reply boolean, ok boolean NOT NULL DEFAULT true";
            case CONTACTS ->
                "line bigint PRIMARY KEY, company text, name text, role text, title text, business_email text,"
                        + " business_phone text, linkedin_url text, company_id bigint, ok boolean NOT NULL DEFAULT true";
            case INTERVIEWS ->
                "line bigint PRIMARY KEY, candidate_email text, company text, role text, starts_at timestamptz,"
                        + " ends_at timestamptz, format text, round integer, interviewers text[], candidate_id bigint,"
                        + " company_id bigint, ok boolean NOT NULL DEFAULT true";
        };
    }

    private List<String> stagingCopyColumns() {
        return switch (kind) {
            case CANDIDATES -> List.of("line", "name", "email", "zone", "recruiter_email");
            case COMPANIES ->
                List.of("line", "name", "spacing_days", "status_check_limit", "preferred_channel", "does_not_reply");
            case CONTACTS ->
                List.of("line", "company", "name", "role", "title", "business_email", "business_phone", "linkedin_url");
            case INTERVIEWS ->
                List.of(
                        "line",
                        "candidate_email",
                        "company",
                        "role",
                        "starts_at",
                        "ends_at",
                        "format",
                        "round",
                        "interviewers");
        };
    }

    /** The row's staging values (after the line), in {@link #stagingCopyColumns()} order; errors go to the row. */
    private List<Object> validate(Row row) {
        List<Object> values = new ArrayList<>();
        switch (kind) {
            case CANDIDATES -> {
                values.add(row.name("name", Candidate::blankName));
                values.add(row.email("email", true));
                String zone = row.required("zone");
                if (zone != null) {
                    try {
                        ZoneId.of(zone);
                    } catch (DateTimeException e) {
                        row.error("zone", "is not a time zone (use a name such as Europe/London)");
                    }
                }
                values.add(zone);
                values.add(row.email("recruiter_email", false));
            }
            case COMPANIES -> {
                values.add(row.name("name", ClientCompany::blankName));
                values.add(row.positive("spacing_days"));
                values.add(row.positive("status_check_limit"));
                values.add(row.oneOf("preferred_channel", CHANNELS, false));
                String flag = row.value("does_not_reply");
                Boolean doesNotReply = null;
                if (flag == null) {
                    doesNotReply = false;
                } else {
                    switch (flag.toLowerCase(Locale.ROOT)) {
                        case "true", "yes", "y", "1" -> doesNotReply = true;
                        case "false", "no", "n", "0" -> doesNotReply = false;
                        default -> row.error("does_not_reply", "must be true or false");
                    }
                }
                values.add(doesNotReply);
            }
            case CONTACTS -> {
                values.add(row.required("company"));
                values.add(row.name("name", Contact::blankName));
                values.add(row.oneOf("role", CONTACT_ROLES, true));
                String title = row.value("title");
                values.add(title == null ? "" : title);
                values.add(row.email("business_email", false));
                values.add(row.value("business_phone"));
                String linkedIn = row.value("linkedin_url");
                if (linkedIn != null && !URL.matcher(linkedIn).matches()) {
                    row.error("linkedin_url", "must be a web address starting with https://");
                }
                values.add(linkedIn);
            }
            case INTERVIEWS -> {
                values.add(row.email("candidate_email", true));
                values.add(row.required("company"));
                values.add(row.required("role"));
                OffsetDateTime start = row.instant("start");
                OffsetDateTime end = row.instant("end");
                if (start != null && end != null && !end.isAfter(start)) {
                    row.error("end", "must be after the start");
                }
                values.add(start);
                values.add(end);
                values.add(row.oneOf("format", FORMATS, true));
                Integer round = row.positive("round");
                values.add(round == null ? 1 : round);
                String interviewers = row.required("interviewers");
                List<String> emails = new ArrayList<>();
                if (interviewers != null) {
                    Set<String> seen = new HashSet<>();
                    for (String email : interviewers.split(";")) {
                        String trimmed = email.trim();
                        if (trimmed.isEmpty()) {
                            continue;
                        }
                        if (!EMAIL.matcher(trimmed).matches() || trimmed.contains("\"") || trimmed.contains(",")) {
                            row.error("interviewers", "\"" + trimmed + "\" is not an e-mail address");
                        } else if (!seen.add(trimmed.toLowerCase(Locale.ROOT))) {
                            row.error("interviewers", trimmed + " is listed twice");
                        } else {
                            emails.add(trimmed);
                        }
                    }
                    if (emails.isEmpty() && !row.bad) {
                        row.error("interviewers", "needs at least one interviewer's e-mail");
                    }
                }
                values.add(arrayLiteral(emails));
            }
        }
        return values;
    }

    /** A text[] in PostgreSQL's array syntax; the e-mails were checked to hold no quotes, commas or spaces. */
    private static String arrayLiteral(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    /** A reference check: rows for which {@code condition} holds are bad, with {@code reason} (an SQL expression). */
    private record Check(String column, String reason, String condition) {}

    private void checkReferences(Handle handle, List<RowError> errors, Set<Long> badLines) {
        List<Check> checks = new ArrayList<>();
        switch (kind) {
            case CANDIDATES -> {
                handle.execute(
                        """
                        UPDATE import_staging s SET recruiter_id = u.id
                          FROM users u
                         WHERE lower(u.email) = lower(s.recruiter_email) AND u.role = 'RECRUITER'
                        """);
                checks.add(new Check(
                        "recruiter_email",
                        "'no recruiter has the e-mail ' || s.recruiter_email",
                        "s.recruiter_email IS NOT NULL AND s.recruiter_id IS NULL"));
            }
            case COMPANIES -> {
                // Nothing to refer to: a company stands alone.
            }
            case CONTACTS -> {
                handle.execute("UPDATE import_staging s SET company_id = co.id FROM companies co"
                        + " WHERE lower(co.name) = lower(s.company)");
                checks.add(new Check("company", "'no company is called ' || s.company", "s.company_id IS NULL"));
            }
            case INTERVIEWS -> {
                handle.execute("UPDATE import_staging s SET company_id = co.id FROM companies co"
                        + " WHERE lower(co.name) = lower(s.company)");
                handle.execute("UPDATE import_staging s SET candidate_id = ca.id FROM candidates ca"
                        + " WHERE lower(ca.email) = lower(s.candidate_email)");
                checks.add(new Check(
                        "candidate_email",
                        "'no candidate has the e-mail ' || s.candidate_email",
                        "s.candidate_id IS NULL"));
                checks.add(new Check("company", "'no company is called ' || s.company", "s.company_id IS NULL"));
                checks.add(
                        new Check(
                                "interviewers",
                                """
                        'no contact of ' || s.company || ' has the e-mail '
                            || (SELECT string_agg(e.email, ', ') FROM unnest(s.interviewers) e(email)
                                 WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.company_id = s.company_id
                                                      AND lower(c.business_email) = lower(e.email)))
                        """,
                                """
                        s.company_id IS NOT NULL AND EXISTS (
                            SELECT 1 FROM unnest(s.interviewers) e(email)
                             WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.company_id = s.company_id
                                                  AND lower(c.business_email) = lower(e.email)))
                        """));
            }
        }
        for (Check check : checks) {
            handle.createQuery("UPDATE import_staging s SET ok = false WHERE " + check.condition()
                            + " RETURNING s.line, " + check.reason() + " AS reason")
                    .map((rs, context) -> new RowError(rs.getLong("line"), check.column(), rs.getString("reason")))
                    .forEach(error -> {
                        badLines.add(error.line());
                        if (errors.size() <= MAX_ERRORS) {
                            errors.add(error);
                        }
                    });
        }
    }

    /** Writes the new records of the valid rows; returns how many records (of the file's kind) are new. */
    private long insert(Handle handle) {
        return switch (kind) {
            case CANDIDATES -> {
                long inserted = count(
                        handle,
                        """
                        WITH inserted AS (
                            INSERT INTO candidates (name, email, zone)
                            SELECT DISTINCT ON (lower(email)) name, email, zone
                              FROM import_staging WHERE ok
                             ORDER BY lower(email), line
                            ON CONFLICT DO NOTHING
                            RETURNING id)
                        SELECT count(*) FROM inserted
                        """);
                handle.execute(
                        """
                        INSERT INTO recruiter_assignments (candidate_id, recruiter_id)
                        SELECT DISTINCT c.id, s.recruiter_id
                          FROM import_staging s JOIN candidates c ON lower(c.email) = lower(s.email)
                         WHERE s.ok AND s.recruiter_id IS NOT NULL
                        ON CONFLICT DO NOTHING
                        """);
                yield inserted;
            }
            case COMPANIES ->
                count(
                        handle,
                        """
                        WITH inserted AS (
                            INSERT INTO companies (name, spacing, status_check_limit, preferred_channel, does_not_reply)
                            SELECT DISTINCT ON (lower(name)) name,
                                   CASE WHEN spacing_days IS NULL THEN NULL ELSE make_interval(days => spacing_days) END,
                                   status_check_limit, preferred_channel, does_not_reply
                              FROM import_staging WHERE ok
                             ORDER BY lower(name), line
                            ON CONFLICT DO NOTHING
                            RETURNING id)
                        SELECT count(*) FROM inserted
                        """);
            case CONTACTS ->
                count(
                        handle,
                        """
                        WITH inserted AS (
                            INSERT INTO contacts (company_id, name, title, role, business_email, business_phone,
                                                  linkedin_url)
                            SELECT DISTINCT ON (s.company_id, coalesce(lower(s.business_email), lower(s.name)))
                                   s.company_id, s.name, s.title, s.role, s.business_email, s.business_phone,
                                   s.linkedin_url
                              FROM import_staging s
                             WHERE s.ok
                               AND NOT EXISTS (
                                   SELECT 1 FROM contacts c
                                    WHERE c.company_id = s.company_id
                                      AND (lower(c.business_email) = lower(s.business_email)
                                           OR (s.business_email IS NULL AND lower(c.name) = lower(s.name))))
                             ORDER BY s.company_id, coalesce(lower(s.business_email), lower(s.name)), s.line
                            RETURNING id)
                        SELECT count(*) FROM inserted
                        """);
            case INTERVIEWS ->
                count(
                        handle,
                        """
                        WITH fresh AS (
                            SELECT DISTINCT ON (s.candidate_id, s.company_id, s.starts_at) s.*
                              FROM import_staging s
                             WHERE s.ok
                               AND NOT EXISTS (
                                   SELECT 1 FROM interviews i
                                    WHERE i.candidate_id = s.candidate_id AND i.company_id = s.company_id
                                      AND i.starts_at = s.starts_at)
                             ORDER BY s.candidate_id, s.company_id, s.starts_at, s.line),
                        inserted AS (
                            INSERT INTO interviews (candidate_id, company_id, role, starts_at, ends_at, format, round)
                            SELECT candidate_id, company_id, role, starts_at, ends_at, format, round FROM fresh
                            RETURNING id, candidate_id, company_id, starts_at),
                        interviewers AS (
                            INSERT INTO interview_interviewers (interview_id, contact_id, position)
                            SELECT i.id, contact.id, e.position - 1
                              FROM inserted i
                              JOIN fresh f USING (candidate_id, company_id, starts_at)
                             CROSS JOIN LATERAL unnest(f.interviewers) WITH ORDINALITY AS e(email, position)
                             CROSS JOIN LATERAL (
                                   SELECT c.id FROM contacts c
                                    WHERE c.company_id = f.company_id AND lower(c.business_email) = lower(e.email)
                                    ORDER BY c.id LIMIT 1) contact
                            RETURNING interview_id)
                        SELECT count(*) FROM inserted
                        """);
        };
    }

    private static long count(Handle handle, String sql) {
        return handle.createQuery(sql).mapTo(Long.class).one();
    }
}
