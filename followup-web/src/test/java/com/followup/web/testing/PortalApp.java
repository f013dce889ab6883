package com.followup.web.testing;

import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.FollowupServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The whole server, portal included, on a migrated database of its own; people created through the API. */
public final class PortalApp {
    private PortalApp() {}

    public static DropwizardAppExtension<FollowupConfiguration> app(PostgresDatabaseExtension database) {
        return new DropwizardAppExtension<>(
                FollowupServer.class,
                ResourceHelpers.resourceFilePath("followup-web-test.yml"),
                ConfigOverride.config("database.url", () -> database.jdbcUrl()),
                ConfigOverride.config(
                        "database.user", () -> database.database().userName().orElse("")),
                ConfigOverride.config(
                        "database.password",
                        () -> database.database().userPassword().orElse("")));
    }

    public static String base(DropwizardAppExtension<FollowupConfiguration> app) {
        return "http://localhost:" + app.getLocalPort();
    }

    /** Who the tests play: an admin, a recruiter and two candidates, the first one assigned to the recruiter. */
    public record Cast(
            TestApi api,
            TestApi.Session admin,
            long recruiterId,
            long caraUserId,
            long caraId,
            long boUserId,
            long boId) {
        public static final String ADMIN = "admin@agency.test";
        public static final String RECRUITER = "rita@agency.test";
        public static final String CARA = "cara@example.test";
        public static final String BO = "bo@example.test";

        public static Cast create(
                PostgresDatabaseExtension database, DropwizardAppExtension<FollowupConfiguration> app) {
            TestApp.user(database, ADMIN, "Ada Admin", Role.ADMIN);
            TestApi api = new TestApi(base(app), app.getObjectMapper());
            TestApi.Session admin = api.login(ADMIN, TestApp.PASSWORD);
            long recruiter = user(api, admin, RECRUITER, "Rita Recruiter", "RECRUITER");
            long caraUser = user(api, admin, CARA, "Cara Candidate", "CANDIDATE");
            long cara = candidate(api, admin, "Cara Candidate", CARA, caraUser);
            long boUser = user(api, admin, BO, "Bo Brennan", "CANDIDATE");
            long bo = candidate(api, admin, "Bo Brennan", BO, boUser);
            require(api.put(admin, "/api/candidates/" + cara + "/recruiters/" + recruiter, Map.of()), 200);
            return new Cast(api, admin, recruiter, caraUser, cara, boUser, bo);
        }

        /** An interview recorded through the API for a candidate, ended at {@code end}, with one interviewer. */
        public long interview(String candidateEmail, String company, OffsetDateTime end, String interviewer) {
            TestApi.Session session = api.login(candidateEmail, TestApp.PASSWORD);
            TestApi.Reply reply = api.post(
                    session,
                    "/api/interviews",
                    Map.of(
                            "companyName",
                            company,
                            "role",
                            "Data engineer",
                            "start",
                            end.minusHours(1).toString(),
                            "end",
                            end.toString(),
                            "format",
                            "VIDEO",
                            "interviewers",
                            List.of(Map.of("name", interviewer, "businessEmail", "hannah@northwind.test"))));
            return require(reply, 201).json().get("id").asLong();
        }

        /** The contact id of the interview's {@code index}th interviewer, as {@code who} reads the interview. */
        public long interviewerId(TestApi.Session who, long interview, int index) {
            return api.get(who, "/api/interviews/" + interview)
                    .json()
                    .get("interviewers")
                    .get(index)
                    .get("contactId")
                    .asLong();
        }

        /** A thank-you by e-mail logged through the API by {@code who}; fails unless it is created. */
        public void thankYou(TestApi.Session who, long interview, long contact, OffsetDateTime sentAt, String text) {
            require(
                    api.post(
                            who,
                            "/api/interviews/" + interview + "/touches",
                            Map.of(
                                    "kind",
                                    "THANK_YOU",
                                    "channel",
                                    "EMAIL",
                                    "recipientId",
                                    contact,
                                    "sentAt",
                                    sentAt.toString(),
                                    "text",
                                    text)),
                    201);
        }

        private static long user(TestApi api, TestApi.Session admin, String email, String name, String role) {
            return require(
                            api.post(
                                    admin,
                                    "/api/users",
                                    Map.of(
                                            "email", email,
                                            "displayName", name,
                                            "role", role,
                                            "password", TestApp.PASSWORD)),
                            201)
                    .json()
                    .get("id")
                    .asLong();
        }

        private static long candidate(TestApi api, TestApi.Session admin, String name, String email, long userId) {
            return require(
                            api.post(
                                    admin,
                                    "/api/candidates",
                                    Map.of("name", name, "email", email, "zone", "Europe/Berlin", "userId", userId)),
                            201)
                    .json()
                    .get("id")
                    .asLong();
        }
    }

    public static TestApi.Reply require(TestApi.Reply reply, int status) {
        if (reply.status() != status) {
            throw new AssertionError("expected " + status + " but got " + reply.status() + ": "
                    + reply.raw().body());
        }
        return reply;
    }
}
