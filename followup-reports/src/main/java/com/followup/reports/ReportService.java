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
