package com.followup.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApi.Reply;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(DropwizardExtensionsSupport.class)
class AuthenticationTest {
    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(
            DATABASE,
            ConfigOverride.config("auth.maxFailedLogins", "3"),
            ConfigOverride.config("auth.firstLoginDelay", "1 minute"));

    private static TestApi api;

    @BeforeAll
    static void createUsers() {
        Jdbi jdbi = Jdbi.create(DATABASE::connect);
        jdbi.installPlugin(new SqlObjectPlugin());
        UserDao users = jdbi.onDemand(UserDao.class);
        String hash = new PasswordHasher().hash(PASSWORD);
        users.insert("admin@agency.test", "Ada Admin", Role.ADMIN, hash);
        users.insert("rita@agency.test", "Rita Recruiter", Role.RECRUITER, hash);
        users.insert("cara@example.test", "Cara Candidate", Role.CANDIDATE, hash);
        users.insert("locked@agency.test", "Lou Locked", Role.RECRUITER, hash);
        api = new TestApi("http://localhost:" + APP.getLocalPort(), APP.getObjectMapper());
    }

    @Test
    void wrongPasswordIsAProblemWithoutHints() {
        Reply reply =
                api.post(TestApi.ANONYMOUS, "/api/session", Map.of("email", "admin@agency.test", "password", "nope"));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).hasValue("application/problem+json");
        assertThat(reply.json().get("code").asText()).isEqualTo("WRONG_CREDENTIALS");

        Reply unknown =
                api.post(TestApi.ANONYMOUS, "/api/session", Map.of("email", "ghost@agency.test", "password", "nope"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail")).isEqualTo(reply.json().get("detail"));
    }

    @Test
    void repeatedFailuresMakeTheAddressWaitEvenForTheRightPassword() {
        for (int attempt = 0; attempt < 3; attempt++) {
            api.post(TestApi.ANONYMOUS, "/api/session", Map.of("email", "locked@agency.test", "password", "wrong"));
        }
        Reply reply = api.post(
                TestApi.ANONYMOUS, "/api/session", Map.of("email", "locked@agency.test", "password", PASSWORD));
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.json().get("code").asText()).isEqualTo("TOO_MANY_LOGINS");
        assertThat(reply.header("Retry-After")).isPresent();
    }

    @Test
    void sessionCookieIsHttpOnlySameSiteAndSecureByDefault() {
        Reply reply =
                api.post(TestApi.ANONYMOUS, "/api/session", Map.of("email", "rita@agency.test", "password", PASSWORD));
        assertThat(reply.status()).isEqualTo(200);
        String cookie = reply.header("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .startsWith("followup_session=")
                .contains("HttpOnly")
                .containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("Secure");
        assertThat(reply.json().get("user").get("role").asText()).isEqualTo("RECRUITER");
    }

    @Test
    void rolesDecideAndAnonymousCallersMustLogIn() {
        assertThat(api.get(TestApi.ANONYMOUS, "/api/users").status()).isEqualTo(401);
        assertThat(api.get(api.login("cara@example.test", PASSWORD), "/api/users")
                        .status())
                .isEqualTo(403);
        assertThat(api.get(api.login("rita@agency.test", PASSWORD), "/api/users")
                        .status())
                .isEqualTo(403);
        Reply users = api.get(api.login("admin@agency.test", PASSWORD), "/api/users");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.json().get("total").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(users.json().get("items").get(0).has("passwordHash")).isFalse();
    }

    @Test
    void cookieWritesNeedTheCsrfToken() {
        TestApi.Session admin = api.login("admin@agency.test", PASSWORD);
        Map<String, Object> user = Map.of(
                "email", "new.recruiter@agency.test",
                "displayName", "Nina New",
                "role", "RECRUITER",
                "password", "long enough password");
        Reply forged = api.postWithoutCsrf(admin, "/api/users", user);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("code").asText()).isEqualTo("CSRF_TOKEN_MISSING");
        assertThat(api.get(admin, "/api/audit?entityType=user")
                        .json()
                        .get("total")
                        .asLong())
                .isZero();

        Reply created = api.post(admin, "/api/users", user);
        assertThat(created.status()).isEqualTo(201);
        assertThat(api.get(admin, "/api/audit?entityType=user")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);

        Reply again = api.post(admin, "/api/users", user);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void invalidBodiesNameEveryWrongField() {
        TestApi.Session admin = api.login("admin@agency.test", PASSWORD);
        Reply reply = api.post(
                admin,
                "/api/users",
                Map.of("email", "not-an-email", "displayName", "", "role", "CANDIDATE", "password", "short"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.json().get("errors").findValuesAsText("field")).contains("email", "displayName", "password");

        Reply wrongType = api.post(
                admin,
                "/api/users",
                Map.of("email", "a@b.test", "displayName", "X", "role", "EMPEROR", "password", "long enough password"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").get(0).get("field").asText()).isEqualTo("role");
    }

    @Test
    void apiTokensWorkUntilRevoked() {
        TestApi.Session admin = api.login("admin@agency.test", PASSWORD);
        long adminId =
                api.get(admin, "/api/session").json().get("user").get("id").asLong();
        Reply issued = api.post(admin, "/api/users/" + adminId + "/tokens", Map.of("name", "ATS sync"));
        assertThat(issued.status()).isEqualTo(201);
        TestApi.Bearer bearer = new TestApi.Bearer(issued.json().get("token").asText());

        assertThat(api.get(bearer, "/api/users").status()).isEqualTo(200);
        assertThat(lastUsedAt(issued.json().get("id").asLong()))
                .as("the use is recorded")
                .isPresent();
        // A bearer token is not a cookie: no CSRF token needed for its writes.
        assertThat(api.post(bearer, "/api/users/" + adminId + "/tokens", Map.of("name", "second"))
                        .status())
                .isEqualTo(201);

        long tokenId = issued.json().get("id").asLong();
        assertThat(api.delete(admin, "/api/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(api.delete(admin, "/api/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(api.get(bearer, "/api/users").status()).isEqualTo(401);
    }

    @Test
    void aDeactivatedUsersTokensStopWorkingAndAreNotMarkedUsed() {
        TestApi.Session admin = api.login("admin@agency.test", PASSWORD);
        long userId = Jdbi.create(DATABASE::connect).withHandle(handle -> handle.createQuery(
                        "INSERT INTO users (email, display_name, role, password_hash) VALUES"
                                + " ('gone@agency.test', 'Gone', 'RECRUITER', 'x') RETURNING id")
                .mapTo(Long.class)
                .one());
        Reply issued = api.post(admin, "/api/users/" + userId + "/tokens", Map.of("name", "old laptop"));
        TestApi.Bearer bearer = new TestApi.Bearer(issued.json().get("token").asText());
        Jdbi.create(DATABASE::connect)
                .useHandle(handle -> handle.execute("UPDATE users SET active = false WHERE id = ?", userId));

        assertThat(api.get(bearer, "/api/dashboard").status()).isEqualTo(401);
        assertThat(lastUsedAt(issued.json().get("id").asLong())).isEmpty();
    }

    private static java.util.Optional<java.time.OffsetDateTime> lastUsedAt(long tokenId) {
        return Jdbi.create(DATABASE::connect)
                .withHandle(handle -> handle.createQuery("SELECT last_used_at FROM api_tokens WHERE id = :id")
                        .bind("id", tokenId)
                        .mapTo(java.time.OffsetDateTime.class)
                        .findOne());
    }

    @Test
    void logoutEndsTheSession() {
        TestApi.Session session = api.login("rita@agency.test", PASSWORD);
        assertThat(api.get(session, "/api/session").status()).isEqualTo(200);
        assertThat(api.delete(session, "/api/session").status()).isEqualTo(204);
        assertThat(api.get(session, "/api/session").status()).isEqualTo(401);
    }
}
