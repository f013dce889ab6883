package com.followup.reports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.repository.PolicyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Produces a week's report (figures in SQL, then CSV and PDF) and archives it, in one transaction. */
public final class ReportService {
    private final Jdbi jdbi;
    private final PolicyStore policies;
    private final Clock clock;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final String agencyName;
    private final ReportArchive archive;

    public ReportService(
            Jdbi jdbi, PolicyStore policies, Clock clock, ObjectMapper json, ZoneId zone, String agencyName) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.json = requireNonNull(json, "json is null");
        this.zone = requireNonNull(zone, "zone is null");
        this.agencyName = requireNonNull(agencyName, "agencyName is null");
        this.archive = new ReportArchive(jdbi);
    }

    public ReportArchive archive() {
        return archive;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The figures and both files of a week, as of now, without archiving (the command line's dry path). */
    public Map<ReportFormat, byte[]> render(IsoWeek week, ReportScope scope) {
        WeeklyReport report = compute(
                new WeeklyParameters(week, scope, clock.instant(), zone, agencyName, WeeklyParameters.TREND_WEEKS));
        return files(report);
    }

    /** Produces a new version of the week's report and archives it. */
    public ReportArchive.Entry produce(
            IsoWeek week, ReportScope scope, Optional<Long> producedBy, ReportArchive.Via via) {
        return jdbi.inTransaction(handle -> produce(handle, week, scope, producedBy, via));
    }

    /** As {@link #produce(IsoWeek, ReportScope, Optional, ReportArchive.Via)}, in the caller's transaction. */
    public ReportArchive.Entry produce(
            Handle handle, IsoWeek week, ReportScope scope, Optional<Long> producedBy, ReportArchive.Via via) {
        Instant now = clock.instant();
        WeeklyParameters parameters =
                new WeeklyParameters(week, scope, now, zone, agencyName, WeeklyParameters.TREND_WEEKS);
        AgencyPolicy policy = policies.current();
        WeeklyReport report = new WeeklyReport(parameters, WeeklyFiguresQuery.run(handle, parameters, policy));
        return ReportArchive.store(handle, parameters, parametersJson(parameters), producedBy, via, now, files(report));
    }

    /**
     * Produces an archived report again from its own parameters (its week, scope, as-of instant, zone, agency name and
     * trend), as a new version in the caller's transaction, and removes the old version: after an erasure, the same
     * figures without the erased name (decision 0035). The week's schedule claim follows to the new version.
     */
    public ReportArchive.Entry reproduce(Handle handle, long reportId) {
        ReportArchive.Entry old = handle.createQuery(
                        """
                        SELECT id, week, scope, version, as_of, zone, parameters::text AS parameters, produced_by,
                               produced_via, produced_at FROM reports WHERE id = :id FOR UPDATE
                        """)
                .bind("id", reportId)
                .map((rs, context) -> new ReportArchive.Entry(
                        rs.getLong("id"),
                        rs.getString("week"),
                        rs.getString("scope"),
                        rs.getInt("version"),
                        rs.getTimestamp("as_of").toInstant(),
                        rs.getString("zone"),
                        rs.getString("parameters"),
                        Optional.ofNullable((Long) rs.getObject("produced_by")),
                        ReportArchive.Via.valueOf(rs.getString("produced_via")),
                        rs.getTimestamp("produced_at").toInstant(),
                        List.of()))
                .one();
        String agency = agencyName;
        int trendWeeks = WeeklyParameters.TREND_WEEKS;
        try {
            com.fasterxml.jackson.databind.JsonNode stored = json.readTree(old.parameters());
            agency = stored.path("agency").asText(agencyName);
            trendWeeks = stored.path("trendWeeks").asInt(WeeklyParameters.TREND_WEEKS);
        } catch (JsonProcessingException e) {
            // Parameters this service wrote are JSON; anything else is produced with today's defaults.
        }
        WeeklyParameters parameters = new WeeklyParameters(
                IsoWeek.parse(old.week()),
                ReportScope.parse(old.scope()),
                old.asOf(),
                ZoneId.of(old.zone()),
                agency,
                trendWeeks);
        WeeklyReport report =
                new WeeklyReport(parameters, WeeklyFiguresQuery.run(handle, parameters, policies.current()));
        ReportArchive.Entry produced = ReportArchive.store(
                handle,
                parameters,
                parametersJson(parameters),
                old.producedBy(),
                old.producedVia(),
                clock.instant(),
                files(report));
        // The week's schedule claim and the report's mails (sent or not) follow to the new version.
        for (String table : List.of("report_schedule_claims", "outbox")) {
            handle.createUpdate("UPDATE " + table + " SET report_id = :new WHERE report_id = :old")
                    .bind("new", produced.id())
                    .bind("old", reportId)
                    .execute();
        }
        handle.createUpdate("DELETE FROM reports WHERE id = :id")
                .bind("id", reportId)
                .execute();
        return produced;
    }

    /** The figures of {@code parameters} under the current policy. */
    public WeeklyReport compute(WeeklyParameters parameters) {
        AgencyPolicy policy = policies.current();
        return jdbi.inTransaction(
                handle -> new WeeklyReport(parameters, WeeklyFiguresQuery.run(handle, parameters, policy)));
    }

    /** The ISO week the present instant falls in, in the agency's zone. */
    public IsoWeek currentWeek() {
        return IsoWeek.of(clock.instant(), zone);
    }

    /** The figures of a week and scope as of now, with the usual eight-week trend, without archiving them. */
    public WeeklyReport computeNow(IsoWeek week, ReportScope scope) {
        return compute(
                new WeeklyParameters(week, scope, clock.instant(), zone, agencyName, WeeklyParameters.TREND_WEEKS));
    }

    /** The newest archived version, producing the first one if the week was never produced. */
    public ReportArchive.Entry latestOrProduce(IsoWeek week, ReportScope scope, Optional<Long> producedBy) {
        return archive.latest(week, scope).orElseGet(() -> produce(week, scope, producedBy, ReportArchive.Via.API));
    }

    public static Map<ReportFormat, byte[]> files(WeeklyReport report) {
        Map<ReportFormat, byte[]> files = new EnumMap<>(ReportFormat.class);
        files.put(ReportFormat.PDF, PdfReport.render(report));
        files.put(ReportFormat.CSV, CsvReport.render(report));
        return files;
    }

    private String parametersJson(WeeklyParameters parameters) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("week", parameters.week().toString());
        values.put("scope", parameters.scope().toString());
        values.put("asOf", parameters.asOf().toString());
        values.put("zone", parameters.zone().getId());
        values.put("agency", parameters.agencyName());
        values.put("trendWeeks", parameters.trendWeeks());
        values.put("formats", List.of("PDF", "CSV"));
        values.put("responseWindowDays", WeeklyParameters.RESPONSE_WINDOW.toDays());
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report parameters are plain values", e);
        }
    }
}
