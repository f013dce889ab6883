package com.followup.web;

import static java.util.Objects.requireNonNull;

import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.auth.UserView;
import com.followup.api.problem.ProblemException;
import com.followup.reports.Dimension;
import com.followup.reports.FigureRow;
import com.followup.reports.IsoWeek;
import com.followup.reports.ReportAccess;
import com.followup.reports.ReportArchive;
import com.followup.reports.ReportFormat;
import com.followup.reports.ReportScope;
import com.followup.reports.ReportService;
import com.followup.reports.SvgCharts;
import com.followup.reports.WeeklyParameters;
import com.followup.reports.WeeklyReport;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The weekly reports in the portal (issue 17): a week's figures as of now with the PDF's two trend charts (inline SVG,
 * decision 0030), the archived versions with their checksums and files, and "produce again now". Admins choose the
 * agency or a recruiter; a recruiter sees their own candidates only, by the same rules as the API's report routes
 * ({@link ReportAccess}).
 */
@Path("/reports")
@Produces(MediaType.TEXT_HTML)
public class ReportPages {
    /** A headline figure: the rate (or number) with its count beside it. */
    public record Figure(String label, String value, String count) {}

    /** One week of the trend, as text, for the table under the charts. */
    public record TrendLine(
            String week, long interviews, String onTime, String thanked, String response, long breaches) {}

    /** A group that most needs attention this week. */
    public record AttentionLine(String name, long breaches, long ghosted) {}

    /** A file of an archived version. */
    public record FileLine(String format, String href, String fileName, String size, String sha256) {}

    /** An archived version of the week's report. */
    public record VersionLine(int version, String asOf, String producedAt, String producedBy, List<FileLine> files) {}

    private static final Pattern ID = Pattern.compile("\\d{1,18}");
    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final IsoWeek EARLIEST = WeeklyParameters.EARLIEST_WEEK;

    private final Portal portal;
    private final ReportService reports;

    public ReportPages(Portal portal, ReportService reports) {
        this.portal = requireNonNull(portal, "portal is null");
        this.reports = requireNonNull(reports, "reports is null");
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public Response page(
            @Auth UserPrincipal user,
            @QueryParam("week") String week,
            @QueryParam("recruiterId") String recruiterId,
            @QueryParam("scope") String scope,
            @QueryParam("produced") String produced) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<IsoWeek> chosen = week(week, errors);
        Optional<ReportScope> reportScope = scope(user, scope, recruiterId, errors);
        if (chosen.isEmpty() || reportScope.isEmpty()) {
            return Response.status(400)
                    .entity(invalid(user, week, recruiterId, errors))
                    .build();
        }
        return Response.ok(page(user, chosen.get(), reportScope.get(), produced))
                .build();
    }

    /** Produces and archives a new version of the week and scope; the earlier versions stay as they were. */
    @POST
    @Path("/produce")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public Response produce(@Auth UserPrincipal user, MultivaluedMap<String, String> form) {
        String week = form.getFirst("week");
        String recruiterId = form.getFirst("recruiterId");
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<IsoWeek> chosen = week(week, errors);
        Optional<ReportScope> reportScope = scope(user, null, recruiterId, errors);
        if (chosen.isEmpty() || reportScope.isEmpty()) {
            return Response.status(400)
                    .entity(invalid(user, week, recruiterId, errors))
                    .build();
        }
        ReportArchive.Entry entry =
                reports.produce(chosen.get(), reportScope.get(), Optional.of(user.id()), ReportArchive.Via.API);
        return Portal.seeOther(link(chosen.get(), reportScope.get()) + "&produced=" + entry.version());
    }

    /** A file of an archived version, byte for byte as produced; another recruiter's is answered as missing. */
    @GET
    @Path("/archive/{id}/{format}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER})
    public Response file(@Auth UserPrincipal user, @PathParam("id") long id, @PathParam("format") String format) {
        ReportFormat reportFormat;
        try {
            reportFormat = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Report file " + format);
        }
        ReportArchive.Entry entry = reports.archive()
                .find(id)
                .filter(found -> ReportAccess.maySee(user, found.scope()))
                .orElseThrow(() -> ProblemException.notFound("Report " + id));
        ReportArchive.StoredFile file = reports.archive()
                .file(entry.id(), reportFormat)
                .orElseThrow(() -> ProblemException.notFound("Report " + id));
        return Response.ok(file.content(), file.info().mediaType())
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + file.info().fileName() + "\"")
                .header("X-Content-SHA256", file.info().sha256())
                .build();
    }

    private PortalView page(UserPrincipal user, IsoWeek week, ReportScope scope, String produced) {
        Viewer viewer = portal.viewer(user);
        WeeklyReport report = reports.computeNow(week, scope);
        FigureRow headline = report.headline();
        List<FigureRow> trend = report.trend();
        String scopeName = scopeName(user, scope);
        Map<String, Object> model = picker(
                user, week.toString(), scope.recruiterId().map(String::valueOf).orElse(""));
        model.put("week", week.toString());
        model.put("scopeRecruiterId", scope.recruiterId().map(String::valueOf).orElse(""));
        model.put("scopeName", scopeName);
        model.put(
                "days",
                LONG_DAY.format(week.monday()) + " to "
                        + LONG_DAY.format(week.monday().plusDays(6)) + " ("
                        + reports.zone().getId() + ")");
        model.put("asOf", Texts.when(report.parameters().asOf(), viewer.zone()));
        model.put("current", week.equals(reports.currentWeek()));
        model.put("previous", week.compareTo(EARLIEST) > 0 ? link(week.minusWeeks(1), scope) : "");
        model.put("next", week.compareTo(reports.currentWeek()) < 0 ? link(week.plusWeeks(1), scope) : "");
        model.put("thisWeek", link(reports.currentWeek(), scope));
        boolean quiet = headline.interviews() == 0 && headline.touches() == 0;
        model.put("empty", quiet);
        model.put("trendEmpty", trend.stream().allMatch(row -> row.interviews() == 0 && row.touches() == 0));
        model.put("figures", figures(headline));
        model.put(
                "rateChart",
                SvgCharts.rates(
                        "chart-rates",
                        "Rates of the last " + trend.size() + " weeks, " + scopeName,
                        trend,
                        SvgCharts.REPORT_RATES));
        model.put(
                "volumeChart",
                SvgCharts.volumes(
                        "chart-volumes",
                        "Interviews held and breaches of the last " + trend.size() + " weeks, " + scopeName,
                        trend));
        model.put("trend", trend.stream().map(ReportPages::trendLine).toList());
        model.put("attentionCandidates", attention(report, Dimension.CANDIDATE));
        model.put("attentionCompanies", attention(report, Dimension.COMPANY));
        model.put("versions", versions(user, viewer, reports.archive().versions(week, scope)));
        model.put("produced", produced == null || !ID.matcher(produced).matches() ? "" : produced);
        return new PortalView("reports", viewer, "Weekly reports", model);
    }

    /** The picker with the week typed and what is wrong with it; no figures. */
    private PortalView invalid(UserPrincipal user, String week, String recruiterId, Map<String, String> errors) {
        Viewer viewer = portal.viewer(user);
        Map<String, Object> model = picker(user, week == null ? "" : week, recruiterId == null ? "" : recruiterId);
        model.put(
                "form",
                FormState.of(
                                "report",
                                Map.of(
                                        "week",
                                        week == null ? "" : week,
                                        "recruiterId",
                                        recruiterId == null ? "" : recruiterId))
                        .withErrors(errors, "No report for this choice: see below."));
        model.put("thisWeek", "/reports");
        return new PortalView("reports", viewer, "Weekly reports", model);
    }

    private Map<String, Object> picker(UserPrincipal user, String week, String recruiterId) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", FormState.of("report", Map.of("week", week, "recruiterId", recruiterId)));
        model.put("currentWeek", reports.currentWeek().toString());
        if (user.role() == Role.ADMIN) {
            List<InterviewPages.Option> scopes = new ArrayList<>();
            scopes.add(new InterviewPages.Option("", "The whole agency"));
            recruiters()
                    .forEach(recruiter -> scopes.add(new InterviewPages.Option(
                            Long.toString(recruiter.id()), recruiter.displayName() + "'s candidates")));
            model.put("scopes", scopes);
        } else {
            model.put("scopes", List.of());
        }
        return model;
    }

    private List<UserView> recruiters() {
        return portal.users().list(500, 0).items().stream()
                .filter(candidate -> candidate.role() == Role.RECRUITER)
                .toList();
    }

    /** The week asked for, or the current one when none is; a clear message for anything else. */
    private Optional<IsoWeek> week(String text, Map<String, String> errors) {
        IsoWeek current = reports.currentWeek();
        if (text == null || text.isBlank()) {
            return Optional.of(current);
        }
        IsoWeek week;
        try {
            week = IsoWeek.parse(text);
        } catch (IllegalArgumentException e) {
            errors.put(
                    "week",
                    text.trim().matches("\\d{4}-W\\d{2}")
                            ? "There is no week " + text.trim() + ": " + e.getMessage() + ". Choose another week."
                            : "Enter a week as the year, -W and its two-digit number, such as " + current + ".");
            return Optional.empty();
        }
        if (week.compareTo(current) > 0) {
            errors.put("week", week + " has not begun: choose " + current + " (this week) or an earlier week.");
            return Optional.empty();
        }
        if (week.compareTo(EARLIEST) < 0) {
            errors.put("week", "Reports begin at " + EARLIEST + ": its eight-week trend starts in 1970.");
            return Optional.empty();
        }
        return Optional.of(week);
    }

    /**
     * The scope by the API's rules (a recruiter asking for the agency or another recruiter gets 403); an admin's
     * recruiter must be one.
     */
    private Optional<ReportScope> scope(
            UserPrincipal user, String scope, String recruiterId, Map<String, String> errors) {
        Long id = null;
        if (recruiterId != null && !recruiterId.isBlank()) {
            if (!ID.matcher(recruiterId.trim()).matches()) {
                errors.put("recruiterId", "Choose the agency or one of the recruiters.");
                return Optional.empty();
            }
            id = Long.parseLong(recruiterId.trim());
        }
        ReportScope chosen = ReportAccess.scope(user, scope, id);
        if (user.role() == Role.ADMIN && chosen.recruiterId().isPresent()) {
            long asked = chosen.recruiterId().get();
            if (recruiters().stream().noneMatch(recruiter -> recruiter.id() == asked)) {
                errors.put("recruiterId", "No recruiter has the id " + asked + ": choose the agency or a recruiter.");
                return Optional.empty();
            }
        }
        return Optional.of(chosen);
    }

    private String scopeName(UserPrincipal user, ReportScope scope) {
        if (scope.isAgency()) {
            return "the whole agency";
        }
        long id = scope.recruiterId().orElseThrow();
        if (id == user.id()) {
            return "your candidates";
        }
        return recruiters().stream()
                .filter(recruiter -> recruiter.id() == id)
                .findFirst()
                .map(recruiter -> recruiter.displayName() + "'s candidates")
                .orElse("recruiter " + id + "'s candidates");
    }

    static String link(IsoWeek week, ReportScope scope) {
        return "/reports?week=" + URLEncoder.encode(week.toString(), StandardCharsets.UTF_8)
                + scope.recruiterId().map(id -> "&recruiterId=" + id).orElse("");
    }

    /** The PDF's headline, each rate with its count beside it. */
    static List<Figure> figures(FigureRow row) {
        return List.of(
                new Figure("Interviews held", Long.toString(row.interviews()), "ended this week"),
                rate("R1 thank-you within 48 h", row.thankYouOnTime(), row.thankYouDue(), "due"),
                rate("R2 thank-you at the ideal moment", row.thankYouIdeal(), row.thankYouSent(), "notes"),
                rate("R3 interviewers thanked", row.thankYouSent(), row.thankYouSteps(), "met"),
                rate("R4, R20 debrief within 24 h", row.debriefsOnTime(), row.debriefsDue(), "due"),
                rate("R5 timeline recorded", row.timelinesRecorded(), row.interviews(), "interviews"),
                new Figure(
                        "Status checks sent",
                        Long.toString(row.statusChecks()),
                        "R6 too early: " + row.r6Breaches() + ", R7 too close: " + row.r7Breaches()),
                new Figure(
                        "R8 over the limit, R10 wrong channel",
                        row.r8Breaches() + ", " + row.r10Breaches(),
                        "of " + row.statusChecks() + " status " + plural(row.statusChecks(), "check", "checks")),
                new Figure(
                        "R12 personal channel, R13 forbidden",
                        row.r12Breaches() + ", " + row.r13Breaches(),
                        "of " + row.touches() + " " + plural(row.touches(), "touch", "touches")),
                rate("Company response rate", row.responded(), row.followedUp(), "followed up"),
                new Figure(
                        "Company time to respond, median",
                        hours(WeeklyReport.hours(row.responseMedianSeconds())),
                        "90th percentile " + hours(WeeklyReport.hours(row.responseP90Seconds())) + ", over "
                                + row.responded() + " " + plural(row.responded(), "answer", "answers")),
                new Figure(
                        "R8 ghosted threads",
                        Long.toString(row.ghosted()),
                        "left out (R18 does not reply): " + row.r18InterviewsLeftOut() + " "
                                + plural(row.r18InterviewsLeftOut(), "interview", "interviews")));
    }

    private static Figure rate(String label, long part, long whole, String wholeWord) {
        return new Figure(
                label,
                WeeklyReport.rate(part, whole)
                        .map(rate -> String.format(Locale.ENGLISH, "%.1f %%", rate.doubleValue() * 100))
                        .orElse("n/a"),
                part + " of " + whole + " " + wholeWord);
    }

    private static String hours(Optional<java.math.BigDecimal> hours) {
        return hours.map(value -> value.toPlainString() + " h").orElse("n/a");
    }

    private static String plural(long count, String one, String many) {
        return count == 1 ? one : many;
    }

    private static TrendLine trendLine(FigureRow row) {
        return new TrendLine(
                row.week(),
                row.interviews(),
                SvgCharts.rateText(row.thankYouOnTime(), row.thankYouDue(), "due"),
                SvgCharts.rateText(row.thankYouSent(), row.thankYouSteps(), "met"),
                SvgCharts.rateText(row.responded(), row.followedUp(), "followed up"),
                row.breaches());
    }

    private static List<AttentionLine> attention(WeeklyReport report, Dimension dimension) {
        return report.needingAttention(dimension).stream()
                .map(row -> new AttentionLine(row.name(), row.breaches(), row.ghosted()))
                .toList();
    }

    private List<VersionLine> versions(UserPrincipal user, Viewer viewer, List<ReportArchive.Entry> entries) {
        Map<Long, String> names = new HashMap<>();
        if (user.role() == Role.ADMIN) {
            portal.users().list(500, 0).items().forEach(one -> names.put(one.id(), one.displayName()));
        }
        return entries.stream()
                .map(entry -> new VersionLine(
                        entry.version(),
                        Texts.when(entry.asOf(), viewer.zone()),
                        Texts.when(entry.producedAt(), viewer.zone()),
                        producedBy(user, entry, names),
                        entry.files().stream()
                                // The PDF, for reading, before the CSV.
                                .sorted(java.util.Comparator.comparing(
                                        (ReportArchive.FileInfo file) -> file.format() != ReportFormat.PDF))
                                .map(file -> new FileLine(
                                        file.format().name(),
                                        "/reports/archive/" + entry.id() + "/"
                                                + file.format().name().toLowerCase(Locale.ROOT),
                                        file.fileName(),
                                        size(file.size()),
                                        file.sha256()))
                                .toList()))
                .toList();
    }

    private static String producedBy(UserPrincipal user, ReportArchive.Entry entry, Map<Long, String> names) {
        return switch (entry.producedVia()) {
            case SCHEDULE -> "the Monday schedule";
            case COMMAND -> "the command line";
            case API ->
                entry.producedBy()
                        .map(id -> id == user.id() ? "you" : names.getOrDefault(id, "an admin"))
                        .orElse("the API");
        };
    }

    private static String size(int bytes) {
        return bytes < 1024 ? bytes + " bytes" : String.format(Locale.ENGLISH, "%.1f KB", bytes / 1024.0);
    }
}
