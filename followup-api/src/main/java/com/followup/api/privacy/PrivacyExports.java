package com.followup.api.privacy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.privacy.ExportSections.Section;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.PlanView;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.repository.PolicyStore;
import com.followup.core.rules.PlanEvaluator;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * A person's data as one ZIP (issue 20): {@code data.json} with every section, the same sections as CSV files, the
 * plans as of now, and a README.txt that says what each file holds. A candidate exports their own; an admin anyone's,
 * candidates and contacts alike. The ZIP is written while the rows are read, in one read transaction (one snapshot),
 * row by row: no export is held in memory whole.
 */
public final class PrivacyExports {
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().get();
    private static final int FETCH_SIZE = 500;

    private final Jdbi jdbi;
    private final Audit audit;
    private final JdbiInterviewRecords records;
    private final PolicyStore policies;
    private final PlanEvaluator evaluator;
    private final Clock clock;
    private final ObjectMapper json;

    public PrivacyExports(
            Jdbi jdbi,
            Audit audit,
            JdbiInterviewRecords records,
            PolicyStore policies,
            PlanEvaluator evaluator,
            Clock clock,
            ObjectMapper json) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.records = requireNonNull(records, "records is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** An export checked and ready to write: who may have it was decided before the first byte. */
    public record Export(String fileName, Writing writing) {
        public Export {
            requireNonNull(fileName, "fileName is null");
            requireNonNull(writing, "writing is null");
        }

        public void writeTo(OutputStream out) throws IOException {
            writing.writeTo(out);
        }
    }

    /** Writes an export's bytes. */
    @FunctionalInterface
    public interface Writing {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The caller's own data: a candidate login's candidate (403 for a login without one). */
    public Export own(UserPrincipal user) {
        long candidate = jdbi.inTransaction(handle -> Visibility.candidateOf(handle, user));
        return prepared(user, PersonKind.CANDIDATE, candidate);
    }

    /**
     * Any person's data, for an admin; a candidate may name only themself. Anything else answers 404, like a person
     * who does not exist.
     */
    public Export of(UserPrincipal user, PersonKind kind, long id) {
        jdbi.useTransaction(handle -> requireExportable(handle, user, kind, id));
        return prepared(user, kind, id);
    }

    private Export prepared(UserPrincipal user, PersonKind kind, long id) {
        String fileName = "followup-" + kind.word() + "-" + id + "-"
                + clock.instant().toString().substring(0, 10) + ".zip";
        return new Export(fileName, out -> write(user, kind, id, out));
    }

    private static void requireExportable(Handle handle, UserPrincipal user, PersonKind kind, long id) {
        boolean exists = handle.createQuery("SELECT EXISTS (SELECT 1 FROM " + table(kind) + " WHERE id = :id)")
                .bind("id", id)
                .mapTo(Boolean.class)
                .one();
        boolean allowed =
                switch (kind) {
                    case CANDIDATE ->
                        user.is(Role.ADMIN)
                                || (user.is(Role.CANDIDATE) && Visibility.canSeeCandidate(handle, user, id));
                    case CONTACT -> user.is(Role.ADMIN);
                };
        if (!exists || !allowed) {
            throw ProblemException.notFound((kind == PersonKind.CANDIDATE ? "Candidate " : "Contact ") + id);
        }
    }

    static String table(PersonKind kind) {
        return switch (kind) {
            case CANDIDATE -> "candidates";
            case CONTACT -> "contacts";
        };
    }

    /** The ZIP, in one repeatable-read transaction: every file shows the same moment. */
    void write(UserPrincipal user, PersonKind kind, long id, OutputStream out) throws IOException {
        try {
            jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
                handle.execute("SET LOCAL TimeZone = 'UTC'");
                Instant now = clock.instant();
                audit.record(handle, user, "privacy.exported", kind.word(), id, Map.of());
                List<Section> sections = ExportSections.of(kind);
                List<PlanView> plans = kind == PersonKind.CANDIDATE ? plans(handle, id, now) : List.of();
                ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
                zip.putNextEntry(new ZipEntry("README.txt"));
                zip.write(readme(kind, id, now, sections).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("data.json"));
                writeJson(handle, kind, id, now, sections, plans, new KeepOpen(zip));
                zip.closeEntry();
                for (Section section : sections) {
                    zip.putNextEntry(new ZipEntry(section.name() + ".csv"));
                    writeCsv(handle, section, id, new KeepOpen(zip));
                    zip.closeEntry();
                }
                if (kind == PersonKind.CANDIDATE) {
                    zip.putNextEntry(new ZipEntry("plan_steps.csv"));
                    writePlanSteps(plans, new KeepOpen(zip));
                    zip.closeEntry();
                    zip.putNextEntry(new ZipEntry("plan_breaches.csv"));
                    writePlanBreaches(plans, new KeepOpen(zip));
                    zip.closeEntry();
                }
                zip.finish();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private List<PlanView> plans(Handle handle, long candidateId, Instant now) {
        List<InterviewId> ids = handle.createQuery(ExportSections.PLANNED_INTERVIEWS)
                .bind("id", candidateId)
                .mapTo(Long.class)
                .map(InterviewId::new)
                .list();
        AgencyPolicy policy = policies.current();
        List<PlanView> plans = new ArrayList<>();
        for (InterviewRecord record : records.findAll(handle, ids)) {
            plans.add(PlanView.of(evaluator.evaluate(record, policy, now), record));
        }
        return plans;
    }

    private void writeJson(
            Handle handle,
            PersonKind kind,
            long id,
            Instant now,
            List<Section> sections,
            List<PlanView> plans,
            OutputStream out) {
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.useDefaultPrettyPrinter();
            generator.writeStartObject();
            generator.writeStringField("exportedAt", now.toString());
            generator.writeStringField("kind", kind.word());
            generator.writeNumberField("id", id);
            for (Section section : sections) {
                generator.writeArrayFieldStart(section.name());
                rows(handle, section, id, row -> {
                    try {
                        generator.writeRawValue(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                generator.writeEndArray();
            }
            if (kind == PersonKind.CANDIDATE) {
                generator.writeFieldName("plans");
                json.writeValue(generator, plans);
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeCsv(Handle handle, Section section, long id, OutputStream out) {
        try (CSVPrinter printer = new CSVPrinter(writer(out), CSV)) {
            printer.printRecord(section.columns());
            rows(handle, section, id, row -> {
                try {
                    JsonNode values = json.readTree(row);
                    List<String> cells = new ArrayList<>(section.columns().size());
                    for (String column : section.columns()) {
                        cells.add(cell(values.get(column)));
                    }
                    printer.printRecord(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV cell: a value as its text, an object or array (findings, questions, details) as JSON, null as empty. */
    static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** Each row of the section as one JSON object's text, with the columns in the section's order. */
    private static void rows(Handle handle, Section section, long id, java.util.function.Consumer<String> each) {
        handle.createQuery("SELECT CAST(row_to_json(r) AS text) FROM (" + section.sql() + ") r")
                .bind("id", id)
                .setFetchSize(FETCH_SIZE)
                .mapTo(String.class)
                .useStream(stream -> stream.forEach(each));
    }

    private static void writePlanSteps(List<PlanView> plans, OutputStream out) throws IOException {
        try (CSVPrinter printer = new CSVPrinter(writer(out), CSV)) {
            printer.printRecord(
                    "interview_id",
                    "kind",
                    "sequence",
                    "contact_name",
                    "earliest",
                    "ideal",
                    "ideal_until",
                    "deadline",
                    "state",
                    "rules",
                    "outcome");
            for (PlanView plan : plans) {
                for (PlanView.StepView step : plan.steps()) {
                    printer.printRecord(
                            plan.interviewId(),
                            step.kind(),
                            step.sequence(),
                            step.contactName().orElse(""),
                            step.earliest(),
                            step.ideal(),
                            step.idealUntil(),
                            step.deadline().map(Object::toString).orElse(""),
                            step.state(),
                            String.join(" ", step.rules()),
                            step.outcome().orElse(""));
                }
            }
        }
    }

    private static void writePlanBreaches(List<PlanView> plans, OutputStream out) throws IOException {
        try (CSVPrinter printer = new CSVPrinter(writer(out), CSV)) {
            printer.printRecord("interview_id", "rule", "rule_name", "explanation", "at");
            for (PlanView plan : plans) {
                for (PlanView.BreachView breach : plan.breaches()) {
                    printer.printRecord(
                            plan.interviewId(), breach.rule(), breach.ruleName(), breach.explanation(), breach.at());
                }
            }
        }
    }

    private static Writer writer(OutputStream out) {
        return new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    static String readme(PersonKind kind, long id, Instant now, List<Section> sections) {
        StringBuilder text = new StringBuilder();
        text.append("Followup: the personal data of ")
                .append(kind.word())
                .append(" #")
                .append(id)
                .append(", as of ")
                .append(now)
                .append(" (UTC).\n\n");
        text.append(
                "data.json holds every section below as an array of objects, one object a row; the CSV files hold\n"
                        + "the same rows, one file a section, with a header line (UTF-8, RFC 4180). Times are ISO 8601 in UTC.\n"
                        + "Lists and structured values (note findings, questions, audit details) are JSON inside a CSV cell.\n\n");
        for (Section section : sections) {
            text.append(section.name())
                    .append(".csv: ")
                    .append(section.description())
                    .append("\n    columns: ")
                    .append(String.join(", ", section.columns()))
                    .append("\n");
        }
        if (kind == PersonKind.CANDIDATE) {
            text.append("plans (in data.json), plan_steps.csv and plan_breaches.csv: each interview's follow-up plan\n"
                    + "    evaluated now by the rules R1-R20: the steps with their windows and states, and the rules\n"
                    + "    broken. Instants in the plans are in the candidate's time zone.\n");
        }
        text.append("\nSee docs/privacy.md of Followup for what is stored, where, and for how long.\n");
        return text.toString();
    }

    /** The ZIP entry's stream, which the JSON generator and the CSV printer may close without ending the ZIP. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
