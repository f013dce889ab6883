package com.followup.api.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.auth.Secrets;
import com.followup.api.testing.Routes;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApi.Caller;
import com.followup.api.testing.TestApi.Reply;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route against every kind of caller: anonymous, an admin, the recruiter of a candidate and another
 * recruiter, the candidate and another candidate. Each expects exactly 200/201/204, 401, 403 or 404; a route
 * the application serves but this table lacks fails the test, so a new endpoint cannot skip the check.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccessMatrixTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(
            DATABASE,
            // Mail-in's routes answer only when it is set up; nothing is polled here.
            ConfigOverride.config("mailIn.enabled", "true"),
            ConfigOverride.config("mailIn.poll", "false"),
            ConfigOverride.config("mailIn.host", "127.0.0.1"),
            ConfigOverride.config("mailIn.user", "log@agency.test"),
            ConfigOverride.config("mailIn.domain", "agency.test"));

    enum Who {
        ANONYMOUS,
        ADMIN,
        OWN_RECRUITER,
        OTHER_RECRUITER,
        OWN_CANDIDATE,
        OTHER_CANDIDATE
    }

    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static TestApi api;
    private static final Map<Who, Caller> CALLERS = new HashMap<>();
    private static long adminId;
    private static long ownRecruiterId;
    private static long candidateId;
    private static long companyId;
    private static long contactId;
    /** A contact of the own candidate's company who is on none of the candidate's interviews. */
    private static long hiddenContactId;

    private static long otherCompanyId;
    private static long otherContactId;
    private static long interviewId;
    private static long spareUserId;
    private static OffsetDateTime end;

    @BeforeAll
    static void setUp() {
        api = TestApp.api(APP);
        adminId = TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        ownRecruiterId = TestApp.user(DATABASE, "own.recruiter@agency.test", "Olga Own", Role.RECRUITER);
        long otherRecruiterId = TestApp.user(DATABASE, "other.recruiter@agency.test", "Otto Other", Role.RECRUITER);
        long ownUser = TestApp.user(DATABASE, "own@example.test", "Cara Own", Role.CANDIDATE);
        long otherUser = TestApp.user(DATABASE, "other@example.test", "Carl Other", Role.CANDIDATE);
        spareUserId = TestApp.user(DATABASE, "spare@agency.test", "Sam Spare", Role.RECRUITER);

        CALLERS.put(Who.ANONYMOUS, TestApi.ANONYMOUS);
        CALLERS.put(Who.ADMIN, api.login("admin@agency.test", TestApp.PASSWORD));
        CALLERS.put(Who.OWN_RECRUITER, api.login("own.recruiter@agency.test", TestApp.PASSWORD));
        CALLERS.put(Who.OTHER_RECRUITER, api.login("other.recruiter@agency.test", TestApp.PASSWORD));
        CALLERS.put(Who.OWN_CANDIDATE, api.login("own@example.test", TestApp.PASSWORD));
        CALLERS.put(Who.OTHER_CANDIDATE, api.login("other@example.test", TestApp.PASSWORD));

        Caller admin = CALLERS.get(Who.ADMIN);
        candidateId = create(
                admin,
                "/api/candidates",
                Map.of("name", "Cara Own", "email", "own@example.test", "zone", "Europe/London", "userId", ownUser));
        long otherCandidateId = create(
                admin,
                "/api/candidates",
                Map.of(
                        "name",
                        "Carl Other",
                        "email",
                        "other@example.test",
                        "zone",
                        "Europe/Paris",
                        "userId",
                        otherUser));
        api.put(admin, "/api/candidates/" + candidateId + "/recruiters/" + ownRecruiterId, Map.of());
        api.put(admin, "/api/candidates/" + otherCandidateId + "/recruiters/" + otherRecruiterId, Map.of());

        companyId = create(admin, "/api/companies", Map.of("name", "Own Company"));
        otherCompanyId = create(admin, "/api/companies", Map.of("name", "Other Company"));
        contactId = create(
                admin,
                "/api/companies/" + companyId + "/contacts",
                Map.of("name", "Ivy Interviewer", "role", "INTERVIEWER", "businessEmail", "ivy@own-company.test"));
        hiddenContactId = create(
                admin,
                "/api/companies/" + companyId + "/contacts",
                Map.of("name", "Hal Hidden", "role", "HIRING_MANAGER", "businessEmail", "hal@own-company.test"));
        otherContactId = create(
                admin,
                "/api/companies/" + otherCompanyId + "/contacts",
                Map.of("name", "Olive Other", "role", "RECRUITER", "businessEmail", "olive@other-company.test"));
        end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).truncatedTo(ChronoUnit.MINUTES);
        interviewId = create(admin, "/api/interviews", interview(candidateId, companyId));
        create(
                admin,
                "/api/interviews",
                Map.of(
                        "candidateId",
                        otherCandidateId,
                        "companyId",
                        otherCompanyId,
                        "role",
                        "Analyst",
                        "start",
                        end.minusHours(1).toString(),
                        "end",
                        end.toString(),
                        "format",
                        "VIDEO",
                        "interviewers",
                        List.of(Map.of("name", "Otis Other"))));
    }

    /** What a route does for each caller: the expected status, keyed by caller. */
    private record Case(String route, Function<Caller, Reply> call, Map<Who, Integer> expected) {}

    private static Map<Who, Integer> expect(
            int anonymous, int admin, int ownRecruiter, int otherRecruiter, int own, int other) {
        Map<Who, Integer> expected = new LinkedHashMap<>();
        expected.put(Who.ANONYMOUS, anonymous);
        expected.put(Who.ADMIN, admin);
        expected.put(Who.OWN_RECRUITER, ownRecruiter);
        expected.put(Who.OTHER_RECRUITER, otherRecruiter);
        expected.put(Who.OWN_CANDIDATE, own);
        expected.put(Who.OTHER_CANDIDATE, other);
        return expected;
    }

    private static List<Case> cases() {
        String interview = "/api/interviews/" + interviewId;
        String candidate = "/api/candidates/" + candidateId;
        String company = "/api/companies/" + companyId;
        Map<Who, Integer> adminOnly = expect(401, 200, 403, 403, 403, 403);
        Map<Who, Integer> anyLogin = expect(401, 200, 200, 200, 200, 200);
        Map<Who, Integer> theInterviewsPeople = expect(401, 200, 200, 404, 200, 404);
        Map<Who, Integer> staff = expect(401, 200, 200, 200, 403, 403);
        List<Case> cases = new ArrayList<>();

        cases.add(new Case(
                "GET /api/ping", caller -> api.get(caller, "/api/ping"), expect(200, 200, 200, 200, 200, 200)));
        cases.add(new Case(
                "GET /api/openapi.json",
                caller -> api.get(caller, "/api/openapi.json"),
                expect(200, 200, 200, 200, 200, 200)));
        cases.add(new Case(
                "GET /api/openapi.yaml",
                caller -> api.getText(caller, "/api/openapi.yaml"),
                expect(200, 200, 200, 200, 200, 200)));
        cases.add(new Case(
                "POST /api/session",
                caller -> api.post(
                        caller, "/api/session", Map.of("email", "spare@agency.test", "password", TestApp.PASSWORD)),
                expect(200, 200, 200, 200, 200, 200)));
        cases.add(new Case("GET /api/session", caller -> api.get(caller, "/api/session"), anyLogin));
        cases.add(new Case(
                "DELETE /api/session",
                caller -> api.delete(freshSessionLike(caller), "/api/session"),
                expect(401, 204, 204, 204, 204, 204)));

        cases.add(new Case("GET /api/users", caller -> api.get(caller, "/api/users"), adminOnly));
        cases.add(new Case("GET /api/users/{id}", caller -> api.get(caller, "/api/users/" + adminId), adminOnly));
        cases.add(new Case(
                "POST /api/users",
                caller -> api.post(
                        caller,
                        "/api/users",
                        Map.of(
                                "email",
                                "new" + UNIQUE.incrementAndGet() + "@agency.test",
                                "displayName",
                                "New User",
                                "role",
                                "RECRUITER",
                                "password",
                                TestApp.PASSWORD)),
                expect(401, 201, 403, 403, 403, 403)));
        cases.add(new Case(
                "PUT /api/users/{id}",
                caller -> api.put(
                        caller,
                        "/api/users/" + spareUserId,
                        Map.of(
                                "displayName",
                                "Sam Spare",
                                "role",
                                "RECRUITER",
                                "active",
                                true,
                                "version",
                                versionOf("/api/users/" + spareUserId))),
                adminOnly));
        cases.add(new Case(
                "POST /api/users/{id}/tokens",
                caller -> api.post(caller, "/api/users/" + spareUserId + "/tokens", Map.of("name", "integration")),
                expect(401, 201, 403, 403, 403, 403)));
        cases.add(new Case("GET /api/tokens", caller -> api.get(caller, "/api/tokens"), adminOnly));
        cases.add(new Case(
                "DELETE /api/tokens/{id}",
                caller -> api.delete(caller, "/api/tokens/" + newToken()),
                expect(401, 204, 403, 403, 403, 403)));
        cases.add(new Case("GET /api/audit", caller -> api.get(caller, "/api/audit"), adminOnly));

        // Webhooks (issue 20): admins only; a recruiter or candidate is refused by role before any lookup.
        cases.add(new Case(
                "GET /api/webhooks/event-types", caller -> api.get(caller, "/api/webhooks/event-types"), adminOnly));
        cases.add(new Case(
                "GET /api/webhooks/endpoints", caller -> api.get(caller, "/api/webhooks/endpoints"), adminOnly));
        cases.add(new Case(
                "POST /api/webhooks/endpoints",
                caller -> api.post(caller, "/api/webhooks/endpoints", webhookBody()),
                expect(401, 201, 403, 403, 403, 403)));
        cases.add(new Case(
                "GET /api/webhooks/endpoints/{id}",
                caller -> api.get(caller, "/api/webhooks/endpoints/" + newWebhook()),
                adminOnly));
        cases.add(new Case(
                "PUT /api/webhooks/endpoints/{id}",
                caller -> {
                    long id = newWebhook();
                    Map<String, Object> body = new HashMap<>(webhookBody());
                    body.put("version", versionOf("/api/webhooks/endpoints/" + id));
                    return api.put(caller, "/api/webhooks/endpoints/" + id, body);
                },
                adminOnly));
        cases.add(new Case(
                "DELETE /api/webhooks/endpoints/{id}",
                caller -> api.delete(caller, "/api/webhooks/endpoints/" + newWebhook()),
                expect(401, 204, 403, 403, 403, 403)));
        cases.add(new Case(
                "POST /api/webhooks/endpoints/{id}/rotate-secret",
                caller -> api.post(caller, "/api/webhooks/endpoints/" + newWebhook() + "/rotate-secret", Map.of()),
                adminOnly));
        cases.add(new Case(
                "GET /api/webhooks/endpoints/{id}/deliveries",
                caller -> api.get(caller, "/api/webhooks/endpoints/" + newWebhook() + "/deliveries"),
                adminOnly));
        cases.add(new Case(
                "GET /api/webhooks/endpoints/{id}/attempts",
                caller -> api.get(caller, "/api/webhooks/endpoints/" + newWebhook() + "/attempts"),
                adminOnly));
        cases.add(new Case(
                "POST /api/webhooks/deliveries/{id}/redeliver",
                caller -> api.post(caller, "/api/webhooks/deliveries/" + webhookDelivery() + "/redeliver", Map.of()),
                expect(401, 201, 403, 403, 403, 403)));

        cases.add(new Case("GET /api/policy", caller -> api.get(caller, "/api/policy"), anyLogin));
        cases.add(new Case(
                "GET /api/policy/holiday-countries",
                caller -> api.get(caller, "/api/policy/holiday-countries"),
                anyLogin));
        cases.add(new Case("PUT /api/policy", caller -> api.put(caller, "/api/policy", currentPolicy()), adminOnly));

        cases.add(new Case("GET /api/candidates", caller -> api.get(caller, "/api/candidates"), anyLogin));
        cases.add(new Case(
                "POST /api/candidates",
                caller -> api.post(
                        caller,
                        "/api/candidates",
                        Map.of(
                                "name",
                                "Nora New",
                                "email",
                                "nora" + UNIQUE.incrementAndGet() + "@example.test",
                                "zone",
                                "Europe/Rome")),
                expect(401, 201, 201, 201, 403, 403)));
        cases.add(new Case("GET /api/candidates/{id}", caller -> api.get(caller, candidate), theInterviewsPeople));
        cases.add(new Case(
                "PUT /api/candidates/{id}",
                caller -> api.put(
                        caller,
                        candidate,
                        Map.of(
                                "name",
                                "Cara Own",
                                "email",
                                "own@example.test",
                                "zone",
                                "Europe/London",
                                "userId",
                                userOfCandidate(),
                                "version",
                                versionOf(candidate))),
                expect(401, 200, 200, 404, 403, 403)));
        cases.add(new Case(
                "PUT /api/candidates/{id}/recruiters/{recruiterId}",
                caller -> api.put(caller, candidate + "/recruiters/" + ownRecruiterId, Map.of()),
                adminOnly));
        cases.add(new Case(
                "DELETE /api/candidates/{id}/recruiters/{recruiterId}",
                caller -> api.delete(caller, candidate + "/recruiters/" + spareUserId),
                adminOnly));

        cases.add(new Case("GET /api/companies", caller -> api.get(caller, "/api/companies"), anyLogin));
        cases.add(new Case(
                "POST /api/companies",
                caller -> api.post(caller, "/api/companies", Map.of("name", "Company " + UNIQUE.incrementAndGet())),
                expect(401, 201, 201, 201, 403, 403)));
        cases.add(new Case(
                "GET /api/companies/{id}", caller -> api.get(caller, company), expect(401, 200, 200, 200, 200, 404)));
        cases.add(new Case(
                "PUT /api/companies/{id}",
                caller -> api.put(
                        caller,
                        company,
                        Map.of("name", "Own Company", "spacing", "P10D", "version", versionOf(company))),
                staff));
        cases.add(new Case(
                "GET /api/companies/{id}/contacts",
                caller -> api.get(caller, company + "/contacts"),
                expect(401, 200, 200, 200, 200, 404)));
        cases.add(new Case(
                "POST /api/companies/{id}/contacts",
                caller -> api.post(caller, company + "/contacts", Map.of("name", "Nick New", "role", "HIRING_MANAGER")),
                expect(401, 201, 201, 201, 201, 404)));
        cases.add(new Case(
                "GET /api/contacts/{id}",
                caller -> api.get(caller, "/api/contacts/" + contactId),
                expect(401, 200, 200, 200, 200, 404)));
        cases.add(new Case(
                "PUT /api/contacts/{id}",
                caller -> api.put(
                        caller,
                        "/api/contacts/" + contactId,
                        Map.of(
                                "name",
                                "Ivy Interviewer",
                                "role",
                                "INTERVIEWER",
                                "businessEmail",
                                "ivy@own-company.test",
                                "version",
                                versionOf("/api/contacts/" + contactId))),
                staff));

        cases.add(new Case("GET /api/interviews", caller -> api.get(caller, "/api/interviews"), anyLogin));
        cases.add(new Case(
                "POST /api/interviews",
                caller -> api.post(caller, "/api/interviews", interview(candidateId, companyId)),
                expect(401, 201, 201, 404, 201, 404)));
        cases.add(new Case("GET /api/interviews/{id}", caller -> api.get(caller, interview), theInterviewsPeople));
        cases.add(new Case(
                "PUT /api/interviews/{id}",
                caller -> {
                    Map<String, Object> change = new HashMap<>(interview(candidateId, companyId));
                    change.put("interviewers", List.of(Map.of("contactId", contactId)));
                    change.put("version", versionOf(interview));
                    return api.put(caller, interview, change);
                },
                theInterviewsPeople));
        cases.add(new Case(
                "PUT /api/interviews/{id}/timeline",
                caller -> api.put(
                        caller,
                        interview + "/timeline",
                        withVersion(
                                Map.of(
                                        "decisionDate",
                                        end.plusDays(5).toLocalDate().toString()),
                                "timeline")),
                theInterviewsPeople));
        cases.add(new Case(
                "PUT /api/interviews/{id}/debrief",
                caller -> api.put(
                        caller,
                        interview + "/debrief",
                        withVersion(Map.of("notes", "Went through the case study."), "debrief")),
                theInterviewsPeople));
        cases.add(new Case(
                "PUT /api/interviews/{id}/outcome",
                caller -> api.put(
                        caller,
                        interview + "/outcome",
                        Map.of("kind", "NEXT_ROUND", "at", end.plusDays(2).toString())),
                theInterviewsPeople));
        cases.add(new Case(
                "GET /api/interviews/{id}/plan", caller -> api.get(caller, interview + "/plan"), theInterviewsPeople));
        cases.add(new Case(
                "GET /api/interviews/{id}/touches",
                caller -> api.get(caller, interview + "/touches"),
                theInterviewsPeople));
        cases.add(new Case(
                "POST /api/interviews/{id}/touches",
                caller -> api.post(
                        caller,
                        interview + "/touches",
                        Map.of(
                                "kind",
                                "EXTRA_INFORMATION",
                                "channel",
                                "EMAIL",
                                "recipientId",
                                contactId,
                                "sentAt",
                                end.plusHours(5).toString())),
                expect(401, 201, 201, 404, 201, 404)));
        cases.add(new Case(
                "POST /api/interviews/{id}/touches/check",
                caller -> api.post(
                        caller,
                        interview + "/touches/check",
                        Map.of(
                                "kind",
                                "STATUS_CHECK",
                                "channel",
                                "EMAIL",
                                "recipientId",
                                contactId,
                                "sentAt",
                                end.plusHours(5).toString())),
                theInterviewsPeople));
        cases.add(new Case(
                "PUT /api/interviews/{id}/touches/{touchId}",
                caller -> {
                    JsonNode touch = newTouch();
                    return api.put(
                            caller,
                            interview + "/touches/" + touch.get("id").asLong(),
                            Map.of(
                                    "kind",
                                    "STATUS_CHECK",
                                    "channel",
                                    "EMAIL",
                                    "recipientId",
                                    contactId,
                                    "sentAt",
                                    end.plusHours(6).toString(),
                                    "version",
                                    touch.get("version").asInt()));
                },
                theInterviewsPeople));
        cases.add(new Case(
                "POST /api/interviews/{id}/touches/{touchId}/retraction",
                caller -> {
                    JsonNode touch = newTouch();
                    return api.post(
                            caller,
                            interview + "/touches/" + touch.get("id").asLong() + "/retraction",
                            Map.of(
                                    "reason",
                                    "Logged twice.",
                                    "version",
                                    touch.get("version").asInt()));
                },
                theInterviewsPeople));
        cases.add(new Case(
                "PUT /api/interviews/{id}/replies/{replyId}",
                caller -> {
                    JsonNode reply = newReply();
                    return api.put(
                            caller,
                            interview + "/replies/" + reply.get("id").asLong(),
                            Map.of(
                                    "fromContactId",
                                    contactId,
                                    "receivedAt",
                                    end.plusDays(1).plusHours(1).toString(),
                                    "kind",
                                    "UPDATE",
                                    "version",
                                    reply.get("version").asInt()));
                },
                theInterviewsPeople));
        cases.add(new Case(
                "POST /api/interviews/{id}/replies/{replyId}/retraction",
                caller -> {
                    JsonNode reply = newReply();
                    return api.post(
                            caller,
                            interview + "/replies/" + reply.get("id").asLong() + "/retraction",
                            Map.of(
                                    "reason",
                                    "Logged twice.",
                                    "version",
                                    reply.get("version").asInt()));
                },
                theInterviewsPeople));
        cases.add(new Case(
                "GET /api/interviews/{id}/replies",
                caller -> api.get(caller, interview + "/replies"),
                theInterviewsPeople));
        cases.add(new Case(
                "POST /api/interviews/{id}/replies",
                caller -> api.post(
                        caller,
                        interview + "/replies",
                        Map.of(
                                "fromContactId",
                                contactId,
                                "receivedAt",
                                end.plusDays(1).toString(),
                                "kind",
                                "ACKNOWLEDGEMENT")),
                expect(401, 201, 201, 404, 201, 404)));
        cases.add(new Case(
                "POST /api/interviews/{id}/note-check",
                caller -> api.post(
                        caller,
                        interview + "/note-check",
                        Map.of("recipientId", contactId, "text", "Thank you for your time.")),
                theInterviewsPeople));

        cases.add(new Case("GET /api/dashboard", caller -> api.get(caller, "/api/dashboard"), staff));
        cases.add(new Case(
                "POST /api/dashboard/candidates/{candidateId}/breaches-seen",
                caller -> api.post(caller, "/api/dashboard/candidates/" + candidateId + "/breaches-seen", Map.of()),
                expect(401, 200, 200, 404, 403, 403)));

        cases.add(new Case("GET /api/admin/outbox", caller -> api.get(caller, "/api/admin/outbox"), adminOnly));
        cases.add(new Case(
                "GET /api/admin/notification-settings",
                caller -> api.get(caller, "/api/admin/notification-settings"),
                adminOnly));
        cases.add(new Case(
                "PUT /api/admin/notification-settings",
                caller -> {
                    Map<String, Object> change = new HashMap<>();
                    change.put("recruiterDigestHour", null);
                    change.put(
                            "version",
                            api.get(CALLERS.get(Who.ADMIN), "/api/admin/notification-settings")
                                    .json()
                                    .get("version")
                                    .asInt());
                    return api.put(caller, "/api/admin/notification-settings", change);
                },
                adminOnly));
        cases.add(new Case("GET /api/me/notifications", caller -> api.get(caller, "/api/me/notifications"), anyLogin));
        cases.add(new Case(
                "PUT /api/me/notifications",
                caller -> api.put(caller, "/api/me/notifications", Map.of("emailEnabled", true)),
                anyLogin));
        Map<Who, Integer> everyone = expect(200, 200, 200, 200, 200, 200);
        cases.add(new Case(
                "GET /api/unsubscribe/{token}",
                caller -> api.getText(caller, "/api/unsubscribe/" + unsubscribeToken()),
                everyone));
        cases.add(new Case(
                "POST /api/unsubscribe/{token}",
                caller -> api.post(caller, "/api/unsubscribe/" + unsubscribeToken(), Map.of()),
                everyone));
        cases.add(new Case(
                "POST /api/me/calendar",
                caller -> api.post(caller, "/api/me/calendar", Map.of()),
                expect(401, 403, 403, 403, 201, 201)));
        cases.add(new Case("GET /api/calendar/{token}.ics", caller -> api.getText(caller, feedPath()), everyone));
        cases.add(new Case(
                "POST /api/me/mail-in",
                caller -> api.post(caller, "/api/me/mail-in", Map.of()),
                expect(401, 403, 403, 403, 201, 201)));
        cases.add(new Case(
                "GET /api/me/mail-in",
                caller -> api.get(caller, "/api/me/mail-in"),
                expect(401, 403, 403, 403, 200, 200)));
        cases.add(new Case(
                "GET /api/me/mail-in/unplaced",
                caller -> api.get(caller, "/api/me/mail-in/unplaced"),
                expect(401, 403, 403, 403, 200, 200)));
        cases.add(new Case(
                "POST /api/me/mail-in/unplaced/{id}/assign",
                caller -> api.post(
                        caller,
                        "/api/me/mail-in/unplaced/999999/assign",
                        Map.of("interviewId", interviewId, "contactId", contactId, "kind", "THANK_YOU")),
                expect(401, 403, 403, 403, 404, 404)));
        cases.add(new Case(
                "GET /api/me/export",
                caller -> api.getText(caller, "/api/me/export"),
                expect(401, 403, 403, 403, 200, 200)));
        cases.add(new Case(
                "GET /api/privacy/candidates/{id}/export",
                caller -> api.getText(caller, "/api/privacy/candidates/" + candidateId + "/export"),
                adminOnly));
        cases.add(new Case(
                "GET /api/privacy/contacts/{id}/export",
                caller -> api.getText(caller, "/api/privacy/contacts/" + contactId + "/export"),
                adminOnly));
        cases.add(new Case(
                "POST /api/privacy/candidates/{id}/erasure",
                caller -> {
                    long throwaway = throwawayPerson("candidates");
                    return api.post(
                            caller,
                            "/api/privacy/candidates/" + throwaway + "/erasure",
                            Map.of("confirmName", "Tess Throwaway " + throwaway));
                },
                adminOnly));
        cases.add(new Case(
                "POST /api/privacy/contacts/{id}/erasure",
                caller -> {
                    long throwaway = throwawayPerson("contacts");
                    return api.post(
                            caller,
                            "/api/privacy/contacts/" + throwaway + "/erasure",
                            Map.of("confirmName", "Tess Throwaway " + throwaway));
                },
                adminOnly));
        cases.add(
                new Case("GET /api/privacy/retention", caller -> api.get(caller, "/api/privacy/retention"), adminOnly));
        cases.add(new Case(
                "PUT /api/privacy/retention",
                caller -> api.put(
                        caller,
                        "/api/privacy/retention",
                        Map.of(
                                "candidateMonths",
                                24,
                                "contactMonths",
                                24,
                                "enabled",
                                true,
                                "version",
                                retentionVersion())),
                adminOnly));
        cases.add(new Case(
                "GET /api/privacy/retention/preview",
                caller -> api.get(caller, "/api/privacy/retention/preview"),
                adminOnly));
        cases.add(new Case(
                "PUT /api/me/password",
                caller -> api.put(
                        caller,
                        "/api/me/password",
                        // The same password again: the caller's own session stays, and so does every login.
                        Map.of("currentPassword", TestApp.PASSWORD, "newPassword", TestApp.PASSWORD)),
                expect(401, 204, 204, 204, 204, 204)));
        cases.add(new Case(
                "POST /api/password-reset",
                caller -> api.post(caller, "/api/password-reset", Map.of("email", "nobody@agency.test")),
                expect(202, 202, 202, 202, 202, 202)));
        cases.add(new Case(
                "POST /api/password-reset/complete",
                caller -> api.post(
                        caller,
                        "/api/password-reset/complete",
                        Map.of("token", linkToken("RESET"), "password", TestApp.PASSWORD)),
                expect(204, 204, 204, 204, 204, 204)));
        cases.add(new Case(
                "POST /api/users/{id}/password-reset",
                caller -> api.post(caller, "/api/users/" + throwawayUser() + "/password-reset", Map.of()),
                expect(401, 204, 403, 403, 403, 403)));
        cases.add(new Case(
                "POST /api/invitations",
                caller -> api.post(caller, "/api/invitations", invitation()),
                expect(401, 201, 201, 201, 403, 403)));
        cases.add(new Case("GET /api/invitations", caller -> api.get(caller, "/api/invitations"), staff));
        // Each call on an invitation the candidate's own recruiter sent: another recruiter does not see it.
        cases.add(new Case(
                "POST /api/invitations/{id}/resend",
                caller -> api.post(caller, "/api/invitations/" + ownRecruitersInvitation() + "/resend", Map.of()),
                expect(401, 200, 200, 404, 403, 403)));
        cases.add(new Case(
                "DELETE /api/invitations/{id}",
                caller -> api.delete(caller, "/api/invitations/" + ownRecruitersInvitation()),
                expect(401, 204, 204, 404, 403, 403)));
        cases.add(new Case(
                "POST /api/invitations/accept",
                caller -> api.post(
                        caller,
                        "/api/invitations/accept",
                        Map.of("token", linkToken("INVITATION"), "password", TestApp.PASSWORD)),
                expect(204, 204, 204, 204, 204, 204)));
        String companiesCsv = "name\nImported Company\n";
        cases.add(new Case(
                "POST /api/admin/import/{kind}",
                caller -> api.postCsv(caller, "/api/admin/import/companies?mode=dry-run", companiesCsv),
                adminOnly));
        cases.add(new Case(
                "GET /api/admin/import/{kind}/template",
                caller -> api.getText(caller, "/api/admin/import/contacts/template"),
                adminOnly));
        cases.add(new Case(
                "GET /api/admin/import/jobs/{id}",
                caller -> api.get(caller, "/api/admin/import/jobs/" + importJob(companiesCsv)),
                adminOnly));
        return cases;
    }

    @Test
    void everyRouteAnswersEveryCallerAsExpected() {
        List<String> wrong = new ArrayList<>();
        for (Case check : cases()) {
            for (Map.Entry<Who, Integer> expected : check.expected().entrySet()) {
                Reply reply = check.call().apply(CALLERS.get(expected.getKey()));
                if (reply.status() != expected.getValue()) {
                    wrong.add(check.route() + " as " + expected.getKey() + ": expected " + expected.getValue()
                            + ", got " + reply.status() + " " + reply.raw().body());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyServedRouteIsInTheMatrix() {
        Set<String> served = Routes.of(APP.getEnvironment().jersey().getResourceConfig());
        Set<String> checked = new TreeSet<>(cases().stream().map(Case::route).toList());
        assertThat(checked).isEqualTo(served);
    }

    @Test
    void aCandidateSeesOnlyThemselfInLists() {
        JsonNode candidates =
                api.get(CALLERS.get(Who.OWN_CANDIDATE), "/api/candidates").json();
        assertThat(candidates.get("total").asLong()).isEqualTo(1);
        assertThat(candidates.get("items").get(0).get("id").asLong()).isEqualTo(candidateId);
        JsonNode interviews =
                api.get(CALLERS.get(Who.OTHER_RECRUITER), "/api/interviews").json();
        assertThat(interviews.get("items").findValuesAsText("candidateId")).doesNotContain(String.valueOf(candidateId));
    }

    /** The candidate sees the contacts on their own interviews only, never a company's whole contact list. */
    @Test
    void aCandidateSeesOnlyTheContactsOfTheirOwnInterviews() {
        Caller own = CALLERS.get(Who.OWN_CANDIDATE);
        Reply contacts = api.get(own, "/api/companies/" + companyId + "/contacts");
        assertThat(contacts.status()).isEqualTo(200);
        assertThat(ids(contacts.json())).contains(contactId).doesNotContain(hiddenContactId);
        assertThat(ids(api.get(CALLERS.get(Who.ADMIN), "/api/companies/" + companyId + "/contacts")
                        .json()))
                .contains(contactId, hiddenContactId);
        assertThat(api.get(own, "/api/contacts/" + contactId).status()).isEqualTo(200);
        assertThat(api.get(own, "/api/contacts/" + hiddenContactId).status()).isEqualTo(404);
        assertThat(api.get(own, "/api/contacts/" + otherContactId).status()).isEqualTo(404);
        assertThat(api.get(own, "/api/companies/" + otherCompanyId + "/contacts")
                        .status())
                .isEqualTo(404);

        // A contact the candidate enters themself is theirs to see and to name.
        long entered = create(
                own,
                "/api/companies/" + companyId + "/contacts",
                Map.of("name", "Eve Entered", "role", "RECRUITER", "businessEmail", "eve@own-company.test"));
        assertThat(api.get(own, "/api/contacts/" + entered).status()).isEqualTo(200);
        assertThat(ids(api.get(own, "/api/companies/" + companyId + "/contacts").json()))
                .contains(entered)
                .doesNotContain(hiddenContactId);
        assertThat(api.get(CALLERS.get(Who.OTHER_CANDIDATE), "/api/contacts/" + entered)
                        .status())
                .isEqualTo(404);
        // Who entered it is kept with the contact (changeset 0018), not inferred from the audit log.
        long createdBy = TestApp.jdbi(DATABASE)
                .withHandle(handle -> handle.createQuery("SELECT created_by FROM contacts WHERE id = :id")
                        .bind("id", entered)
                        .mapTo(Long.class)
                        .one());
        assertThat(createdBy).isEqualTo(userOfCandidate());
    }

    /** Naming another company's id teaches the candidate nothing and gives them nothing. */
    @Test
    void aCandidateNamingAnInvisibleCompanyIdIsAnsweredAsForAnUnknownOne() {
        Caller own = CALLERS.get(Who.OWN_CANDIDATE);
        Map<String, Object> invisible = new HashMap<>(interview(candidateId, otherCompanyId));
        invisible.put("interviewers", List.of(Map.of("name", "Pat Probe")));
        Map<String, Object> unknown = new HashMap<>(invisible);
        unknown.put("companyId", 987_654_321L);

        Reply toInvisible = api.post(own, "/api/interviews", invisible);
        Reply toUnknown = api.post(own, "/api/interviews", unknown);

        assertThat(toInvisible.status()).as(toInvisible.raw().body()).isEqualTo(400);
        assertThat(toInvisible.json().get("code").asText()).isEqualTo("UNKNOWN_COMPANY");
        assertThat(toInvisible.raw().body()).isEqualTo(toUnknown.raw().body());
        assertThat(api.get(own, "/api/companies/" + otherCompanyId + "/contacts")
                        .status())
                .isEqualTo(404);
        assertThat(api.get(own, "/api/contacts/" + otherContactId).status()).isEqualTo(404);

        // A company nobody has interviewed with yet: the candidate cannot name it by id, staff can.
        long fresh = create(
                CALLERS.get(Who.ADMIN), "/api/companies", Map.of("name", "Fresh Company " + UNIQUE.incrementAndGet()));
        Map<String, Object> toFresh = new HashMap<>(invisible);
        toFresh.put("companyId", fresh);
        Reply freshByCandidate = api.post(own, "/api/interviews", toFresh);
        assertThat(freshByCandidate.raw().body()).isEqualTo(toUnknown.raw().body());
        assertThat(api.post(CALLERS.get(Who.OWN_RECRUITER), "/api/interviews", toFresh)
                        .status())
                .isEqualTo(201);
    }

    /** Naming a contact the candidate may not see is answered as naming one that does not exist. */
    @Test
    void aCandidateNamingAnInvisibleContactIdIsAnsweredAsForAnUnknownOne() {
        Caller own = CALLERS.get(Who.OWN_CANDIDATE);
        Map<Long, String> answers = new LinkedHashMap<>();
        for (long contact : List.of(hiddenContactId, otherContactId, 987_654_321L)) {
            Map<String, Object> request = new HashMap<>(interview(candidateId, companyId));
            request.put("interviewers", List.of(Map.of("contactId", contact)));
            Reply reply = api.post(own, "/api/interviews", request);
            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).isEqualTo("UNKNOWN_CONTACT");
            answers.put(contact, reply.raw().body());
        }
        assertThat(Set.copyOf(answers.values())).hasSize(1);
        assertThat(api.get(own, "/api/contacts/" + hiddenContactId).status()).isEqualTo(404);

        Map<String, Object> touch = new HashMap<>(Map.of(
                "kind",
                "EXTRA_INFORMATION",
                "channel",
                "EMAIL",
                "sentAt",
                end.plusHours(6).toString()));
        touch.put("recipientId", hiddenContactId);
        Reply toHidden = api.post(own, "/api/interviews/" + interviewId + "/touches", touch);
        touch.put("recipientId", 987_654_321L);
        Reply toUnknown = api.post(own, "/api/interviews/" + interviewId + "/touches", touch);
        assertThat(toHidden.status()).as(toHidden.raw().body()).isEqualTo(400);
        assertThat(toHidden.raw().body()).isEqualTo(toUnknown.raw().body());
        assertThat(api.get(own, "/api/contacts/" + hiddenContactId).status()).isEqualTo(404);
    }

    /** An interviewer named with the interview becomes a contact: the audit log says who added them. */
    @Test
    void aContactCreatedWithAnInterviewIsAudited() {
        Map<String, Object> request = new HashMap<>(interview(candidateId, companyId));
        request.put("interviewers", List.of(Map.of("name", "Nora Named")));
        Reply created = api.post(CALLERS.get(Who.OWN_CANDIDATE), "/api/interviews", request);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        long newContact =
                created.json().get("interviewers").get(0).get("contactId").asLong();

        JsonNode entries = api.get(CALLERS.get(Who.ADMIN), "/api/audit?entityType=contact&limit=500")
                .json()
                .get("items");
        List<JsonNode> forContact = new ArrayList<>();
        entries.forEach(entry -> {
            if (entry.get("entityId").asLong() == newContact) {
                forContact.add(entry);
            }
        });
        assertThat(forContact).hasSize(1);
        assertThat(forContact.get(0).get("action").asText()).isEqualTo("contact.created");
        assertThat(forContact.get(0).get("actorUserId").asLong()).isEqualTo(userOfCandidate());
        long createdBy = TestApp.jdbi(DATABASE)
                .withHandle(handle -> handle.createQuery("SELECT created_by FROM contacts WHERE id = :id")
                        .bind("id", newContact)
                        .mapTo(Long.class)
                        .one());
        assertThat(createdBy).isEqualTo(userOfCandidate());
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.get("id").asLong()));
        return ids;
    }

    private static Map<String, Object> interview(long candidate, long company) {
        return Map.of(
                "candidateId",
                candidate,
                "companyId",
                company,
                "role",
                "Platform engineer",
                "start",
                end.minusHours(1).toString(),
                "end",
                end.toString(),
                "format",
                "ON_SITE",
                "interviewers",
                List.of(Map.of("contactId", contactId)));
    }

    private static long create(Caller caller, String path, Object body) {
        Reply reply = api.post(caller, path, body);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }

    /** The current version of a record, read by the admin so every caller's change names a fresh one. */
    private static int versionOf(String path) {
        return api.get(CALLERS.get(Who.ADMIN), path).json().get("version").asInt();
    }

    private static Map<String, Object> withVersion(Map<String, Object> body, String part) {
        JsonNode child = api.get(CALLERS.get(Who.ADMIN), "/api/interviews/" + interviewId)
                .json()
                .get(part);
        Map<String, Object> versioned = new HashMap<>(body);
        if (child != null && !child.isNull()) {
            versioned.put("version", child.get("version").asInt());
        }
        return versioned;
    }

    private static Object currentPolicy() {
        return api.get(CALLERS.get(Who.ADMIN), "/api/policy").json();
    }

    private static long userOfCandidate() {
        return api.get(CALLERS.get(Who.ADMIN), "/api/candidates/" + candidateId)
                .json()
                .get("userId")
                .asLong();
    }

    private static long importJob(String csv) {
        return api.postCsv(CALLERS.get(Who.ADMIN), "/api/admin/import/companies?mode=dry-run", csv)
                .json()
                .get("id")
                .asLong();
    }

    /** A fresh touch of the interview, logged by the admin, for one caller to correct or retract. */
    private static JsonNode newTouch() {
        Reply logged = api.post(
                CALLERS.get(Who.ADMIN),
                "/api/interviews/" + interviewId + "/touches",
                Map.of(
                        "kind",
                        "EXTRA_INFORMATION",
                        "channel",
                        "EMAIL",
                        "recipientId",
                        contactId,
                        "sentAt",
                        end.plusHours(5).toString()));
        assertThat(logged.status()).as(logged.raw().body()).isEqualTo(201);
        return logged.json();
    }

    /** A fresh reply of the interview, logged by the admin, for one caller to correct or retract. */
    private static JsonNode newReply() {
        Reply logged = api.post(
                CALLERS.get(Who.ADMIN),
                "/api/interviews/" + interviewId + "/replies",
                Map.of(
                        "fromContactId",
                        contactId,
                        "receivedAt",
                        end.plusDays(1).toString(),
                        "kind",
                        "ACKNOWLEDGEMENT"));
        assertThat(logged.status()).as(logged.raw().body()).isEqualTo(201);
        return logged.json();
    }

    private static Map<String, Object> webhookBody() {
        return Map.of("url", "http://127.0.0.1:9/hook", "description", "matrix", "events", List.of("touch.logged"));
    }

    private static long newWebhook() {
        return api.post(CALLERS.get(Who.ADMIN), "/api/webhooks/endpoints", webhookBody())
                .json()
                .get("endpoint")
                .get("id")
                .asLong();
    }

    /** A delivery of an event to a new endpoint, written as a change's transaction writes it. */
    private static long webhookDelivery() {
        long endpoint = newWebhook();
        return TestApp.jdbi(DATABASE).inTransaction(handle -> {
            com.followup.api.webhooks.WebhookEvents.emit(
                    handle, com.followup.api.webhooks.WebhookEventType.TOUCH_LOGGED, Map.of("touchId", 1));
            return handle.createQuery("SELECT max(id) FROM webhook_deliveries WHERE endpoint_id = :endpoint")
                    .bind("endpoint", endpoint)
                    .mapTo(Long.class)
                    .one();
        });
    }

    private static long newToken() {
        return api.post(CALLERS.get(Who.ADMIN), "/api/users/" + spareUserId + "/tokens", Map.of("name", "to revoke"))
                .json()
                .get("id")
                .asLong();
    }

    /** The spare user's one-click unsubscribe token, as its e-mails carry it. */
    private static String unsubscribeToken() {
        return APP.getConfiguration().getNotifications().unsubscribeLinks().token(spareUserId);
    }

    /** A fresh secret feed of the own candidate; the path of its URL. */
    private static String feedPath() {
        String url = api.post(CALLERS.get(Who.OWN_CANDIDATE), "/api/me/calendar", Map.of())
                .json()
                .get("url")
                .asText();
        return java.net.URI.create(url).getPath();
    }

    /** Logging out ends a session: use a fresh one of the same user, so the shared sessions stay valid. */
    private static Map<String, Object> invitation() {
        return Map.of(
                "email",
                "invited" + UNIQUE.incrementAndGet() + "@example.test",
                "displayName",
                "Ivo Invited",
                "role",
                "CANDIDATE",
                "zone",
                "Europe/Berlin");
    }

    private static long ownRecruitersInvitation() {
        return create(CALLERS.get(Who.OWN_RECRUITER), "/api/invitations", invitation());
    }

    /** A candidate or a contact named "Tess Throwaway {id}", to be erased. */
    private static long throwawayPerson(String table) {
        return TestApp.jdbi(DATABASE).withHandle(handle -> {
            long id = table.equals("candidates")
                    ? handle.createQuery("INSERT INTO candidates (name, email, zone) VALUES ('Tess', :email,"
                                    + " 'Europe/Berlin') RETURNING id")
                            .bind("email", "tess" + UNIQUE.incrementAndGet() + "@example.test")
                            .mapTo(Long.class)
                            .one()
                    : handle.createQuery("INSERT INTO contacts (company_id, name, role) VALUES (:company, 'Tess',"
                                    + " 'INTERVIEWER') RETURNING id")
                            .bind("company", companyId)
                            .mapTo(Long.class)
                            .one();
            handle.createUpdate("UPDATE " + table + " SET name = 'Tess Throwaway ' || id WHERE id = :id")
                    .bind("id", id)
                    .execute();
            return id;
        });
    }

    private static int retentionVersion() {
        return TestApp.jdbi(DATABASE)
                .withHandle(handle -> handle.createQuery("SELECT version FROM retention_policy WHERE id = 1")
                        .mapTo(Integer.class)
                        .one());
    }

    private static long throwawayUser() {
        return TestApp.user(DATABASE, "throwaway" + UNIQUE.incrementAndGet() + "@agency.test", "Tim", Role.RECRUITER);
    }

    /** A link of a new user with a token this test knows (the mail's token is not readable here: no SMTP server). */
    private static String linkToken(String purpose) {
        long user = throwawayUser();
        String token = Secrets.newToken();
        TestApp.jdbi(DATABASE).useHandle(handle -> handle.createUpdate(
                        """
                                INSERT INTO account_links (user_id, purpose, token_hash, created_at, expires_at)
                                VALUES (:user, :purpose, :hash, now(), now() + interval '1 hour')
                                """)
                .bind("user", user)
                .bind("purpose", purpose)
                .bind("hash", Secrets.hash(token))
                .execute());
        return token;
    }

    private static Caller freshSessionLike(Caller caller) {
        if (!(caller instanceof TestApi.Session)) {
            return caller;
        }
        Supplier<String> email = () ->
                api.get(caller, "/api/session").json().get("user").get("email").asText();
        return api.login(email.get(), TestApp.PASSWORD);
    }
}
