package com.followup.api.accounts;

import static com.followup.api.testing.TestMail.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupApplication;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.PasswordRules;
import com.followup.api.auth.Role;
import com.followup.api.auth.Secrets;
import com.followup.api.testing.ClockedApplication;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApi.Reply;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Change password, forgot password, an admin's forced reset and invitations, end to end: the whole application on a
 * controlled clock, a real PostgreSQL and a real SMTP server (GreenMail); the links are read from the mail received.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccountsTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final int SMTP_PORT = freePort();
    static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(
            ClockedApplication.class,
            DATABASE,
            ConfigOverride.config("smtp.host", "127.0.0.1"),
            ConfigOverride.config("smtp.port", String.valueOf(SMTP_PORT)),
            ConfigOverride.config("smtp.timeout", "PT5S"),
            ConfigOverride.config("notifications.runJobs", "false"),
            ConfigOverride.config("notifications.portalBaseUrl", "http://portal.test"),
            ConfigOverride.config("auth.maxFailedLogins", "5"),
            ConfigOverride.config("auth.maxFailedLoginsPerClient", "40"));

    static final String NEW_PASSWORD = "a brand new passphrase";
    static TestApi api;
    static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        SMTP.start();
        api = TestApp.api(APP);
        jdbi = TestApp.jdbi(DATABASE);
        TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        TestApp.user(DATABASE, "rita@agency.test", "Rita Recruiter", Role.RECRUITER);
        TestApp.user(DATABASE, "otto@agency.test", "Otto Other", Role.RECRUITER);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @BeforeEach
    void now() {
        ClockedApplication.CLOCK.set(Instant.parse("2026-03-02T12:00:00Z"));
    }

    @Test
    void aUserChangesTheirPasswordWithTheCurrentOneAndTheirOtherSessionsEnd() {
        TestApp.user(DATABASE, "chris@agency.test", "Chris Change", Role.RECRUITER);
        TestApi.Session here = api.login("chris@agency.test", TestApp.PASSWORD);
        TestApi.Session elsewhere = api.login("chris@agency.test", TestApp.PASSWORD);

        Reply wrong = api.put(
                here, "/api/me/password", Map.of("currentPassword", "not my password", "newPassword", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("code").asText()).isEqualTo("WRONG_CURRENT_PASSWORD");
        assertThat(wrong.json().get("errors").get(0).get("field").asText()).isEqualTo("currentPassword");

        // The rule is stated once: the error says exactly what the portal's hint says.
        Reply tooShort = api.put(
                here, "/api/me/password", Map.of("currentPassword", TestApp.PASSWORD, "newPassword", "short one"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("errors").get(0).get("field").asText()).isEqualTo("newPassword");
        assertThat(tooShort.json().get("errors").get(0).get("message").asText())
                .isEqualTo(PasswordRules.MESSAGE)
                .isEqualTo("must have 12 to 200 characters");
        assertThat(api.get(elsewhere, "/api/session").status()).isEqualTo(200);

        Reply changed = api.put(
                here, "/api/me/password", Map.of("currentPassword", TestApp.PASSWORD, "newPassword", NEW_PASSWORD));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(204);
        assertThat(api.get(here, "/api/session").status()).isEqualTo(200);
        assertThat(api.get(elsewhere, "/api/session").status()).isEqualTo(401);
        assertThat(login("chris@agency.test", TestApp.PASSWORD)).isEqualTo(401);
        assertThat(login("chris@agency.test", NEW_PASSWORD)).isEqualTo(200);
        assertThat(audit("user.password_changed")).isEqualTo(1);
    }

    @Test
    void forgotPasswordAnswersAlikeForAnyAddressAndItsLinkWorksOnceEndingEverySessionAndToken() {
        long userId = TestApp.user(DATABASE, "fay@agency.test", "Fay Forgot", Role.RECRUITER);
        TestApi.Session session = api.login("fay@agency.test", TestApp.PASSWORD);
        String apiToken = api.post(
                        api.login("admin@agency.test", TestApp.PASSWORD),
                        "/api/users/" + userId + "/tokens",
                        Map.of("name", "sync"))
                .json()
                .get("token")
                .asText();
        TestApi.Bearer bearer = new TestApi.Bearer(apiToken);
        assertThat(api.get(bearer, "/api/session").status()).isEqualTo(200);

        Reply known = api.post(TestApi.ANONYMOUS, "/api/password-reset", Map.of("email", "FAY@agency.test"));
        Reply unknown = api.post(TestApi.ANONYMOUS, "/api/password-reset", Map.of("email", "nobody@agency.test"));
        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.raw().body()).isEqualTo(known.raw().body());

        sendMail();
        assertThat(AccountMail.textsTo(SMTP, "nobody@agency.test")).isEmpty();
        List<String> mails = AccountMail.textsTo(SMTP, "fay@agency.test");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0)).contains("Hello Fay Forgot", "http://portal.test/reset-password?token=");
        String token = AccountMail.token(mails.get(0));

        // Only the token's hash is stored; the sent message no longer carries the link.
        assertThat(count("SELECT count(*) FROM account_links WHERE token_hash = :value", Secrets.hash(token)))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM account_links WHERE token_hash = :value", token))
                .isZero();
        assertThat(count(
                        "SELECT count(*) FROM outbox WHERE body_text LIKE :value OR body_html LIKE :value",
                        "%" + token + "%"))
                .isZero();

        Reply tooShort = api.post(
                TestApi.ANONYMOUS, "/api/password-reset/complete", Map.of("token", token, "password", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");

        Reply reset = api.post(
                TestApi.ANONYMOUS, "/api/password-reset/complete", Map.of("token", token, "password", NEW_PASSWORD));
        assertThat(reset.status()).as(reset.raw().body()).isEqualTo(204);
        assertThat(api.get(session, "/api/session").status()).isEqualTo(401);
        assertThat(api.get(bearer, "/api/session").status()).isEqualTo(401);
        assertThat(login("fay@agency.test", TestApp.PASSWORD)).isEqualTo(401);
        assertThat(login("fay@agency.test", NEW_PASSWORD)).isEqualTo(200);

        Reply again = api.post(
                TestApi.ANONYMOUS,
                "/api/password-reset/complete",
                Map.of("token", token, "password", "yet another passphrase"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asText()).isEqualTo("LINK_NOT_USABLE");
        assertThat(login("fay@agency.test", NEW_PASSWORD)).isEqualTo(200);
    }

    @Test
    void aResetLinkExpiresAfterAnHourAndAskingAgainAndAgainSendsAtMostThreeMails() {
        TestApp.user(DATABASE, "eve@agency.test", "Eve Expired", Role.RECRUITER);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post(TestApi.ANONYMOUS, "/api/password-reset", Map.of("email", "eve@agency.test"))
                            .status())
                    .isEqualTo(202);
        }
        sendMail();
        List<String> mails = AccountMail.textsTo(SMTP, "eve@agency.test");
        assertThat(mails).hasSize(Accounts.RESETS_PER_WINDOW);
        assertThat(mails.get(0)).contains("until 2 March 2026, 13:00 UTC");

        ClockedApplication.CLOCK.advance(Duration.ofMinutes(61));
        Reply late = api.post(
                TestApi.ANONYMOUS,
                "/api/password-reset/complete",
                Map.of("token", AccountMail.token(mails.get(0)), "password", NEW_PASSWORD));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().get("code").asText()).isEqualTo("LINK_NOT_USABLE");
        assertThat(login("eve@agency.test", TestApp.PASSWORD)).isEqualTo(200);
    }

    @Test
    void anAdminForcesAResetWhichEndsSessionsAndTokensAndMailsALink() {
        long userId = TestApp.user(DATABASE, "fred@agency.test", "Fred Forced", Role.CANDIDATE);
        TestApi.Session admin = api.login("admin@agency.test", TestApp.PASSWORD);
        TestApi.Session session = api.login("fred@agency.test", TestApp.PASSWORD);
        String apiToken = api.post(admin, "/api/users/" + userId + "/tokens", Map.of("name", "phone"))
                .json()
                .get("token")
                .asText();

        assertThat(api.post(admin, "/api/users/" + userId + "/password-reset", Map.of())
                        .status())
                .isEqualTo(204);
        assertThat(api.get(session, "/api/session").status()).isEqualTo(401);
        assertThat(api.get(new TestApi.Bearer(apiToken), "/api/session").status())
                .isEqualTo(401);
        assertThat(login("fred@agency.test", TestApp.PASSWORD)).isEqualTo(401);

        sendMail();
        String mail = AccountMail.textsTo(SMTP, "fred@agency.test").get(0);
        assertThat(mail).contains("An admin reset the password");
        assertThat(api.post(
                                TestApi.ANONYMOUS,
                                "/api/password-reset/complete",
                                Map.of("token", AccountMail.token(mail), "password", NEW_PASSWORD))
                        .status())
                .isEqualTo(204);
        assertThat(login("fred@agency.test", NEW_PASSWORD)).isEqualTo(200);

        Reply self = api.post(admin, "/api/users/" + adminId() + "/password-reset", Map.of());
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.json().get("code").asText()).isEqualTo("CANNOT_RESET_SELF");
    }

    @Test
    void aRecruiterInvitesACandidateWhoSetsTheirPasswordThroughTheLinkAndLeavesThePendingList() {
        TestApi.Session rita = api.login("rita@agency.test", TestApp.PASSWORD);
        TestApi.Session otto = api.login("otto@agency.test", TestApp.PASSWORD);
        Reply invited = api.post(
                rita,
                "/api/invitations",
                Map.of(
                        "email",
                        "ines@example.test",
                        "displayName",
                        "Ines Invited",
                        "role",
                        "CANDIDATE",
                        "zone",
                        "Europe/Berlin"));
        assertThat(invited.status()).as(invited.raw().body()).isEqualTo(201);
        long invitation = invited.json().get("id").asLong();
        assertThat(invited.json().get("expiresAt").asText()).isEqualTo("2026-03-09T12:00:00Z");

        assertThat(emails(api.get(rita, "/api/invitations"))).contains("ines@example.test");
        assertThat(emails(api.get(otto, "/api/invitations"))).doesNotContain("ines@example.test");
        assertThat(api.post(otto, "/api/invitations/" + invitation + "/resend", Map.of())
                        .status())
                .isEqualTo(404);
        // The invited candidate's profile is there, assigned to the recruiter who invited them.
        assertThat(api.get(rita, "/api/candidates").raw().body()).contains("ines@example.test");
        assertThat(login("ines@example.test", TestApp.PASSWORD)).isEqualTo(401);

        sendMail();
        String first = AccountMail.textsTo(SMTP, "ines@example.test").get(0);
        assertThat(first).contains("Rita Recruiter invited you", "http://portal.test/accept-invitation?token=");

        // Resent: a new link, and the first one stops working.
        Reply resent = api.post(rita, "/api/invitations/" + invitation + "/resend", Map.of());
        assertThat(resent.status()).as(resent.raw().body()).isEqualTo(200);
        sendMail();
        List<String> mails = AccountMail.textsTo(SMTP, "ines@example.test");
        assertThat(mails).hasSize(2);
        Reply old = api.post(
                TestApi.ANONYMOUS,
                "/api/invitations/accept",
                Map.of("token", AccountMail.token(first), "password", NEW_PASSWORD));
        assertThat(old.json().get("code").asText()).isEqualTo("LINK_NOT_USABLE");
        // A reset link is not an invitation, nor the other way round.
        assertThat(api.post(
                                TestApi.ANONYMOUS,
                                "/api/password-reset/complete",
                                Map.of("token", AccountMail.token(mails.get(1)), "password", NEW_PASSWORD))
                        .status())
                .isEqualTo(400);

        Reply accepted = api.post(
                TestApi.ANONYMOUS,
                "/api/invitations/accept",
                Map.of("token", AccountMail.token(mails.get(1)), "password", NEW_PASSWORD));
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(204);
        assertThat(login("ines@example.test", NEW_PASSWORD)).isEqualTo(200);
        assertThat(emails(api.get(rita, "/api/invitations"))).doesNotContain("ines@example.test");
    }

    @Test
    void aRevokedInvitationsLinkNoLongerWorksAndOnlyAnAdminInvitesARecruiter() {
        TestApi.Session rita = api.login("rita@agency.test", TestApp.PASSWORD);
        TestApi.Session admin = api.login("admin@agency.test", TestApp.PASSWORD);
        Map<String, Object> recruiter =
                Map.of("email", "rex@agency.test", "displayName", "Rex Recruiter", "role", "RECRUITER");
        Reply refused = api.post(rita, "/api/invitations", recruiter);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("INVITATION_FORBIDDEN");
        Reply noZone = api.post(
                rita,
                "/api/invitations",
                Map.of("email", "zed@example.test", "displayName", "Zed", "role", "CANDIDATE"));
        assertThat(noZone.status()).isEqualTo(400);
        assertThat(noZone.json().get("errors").get(0).get("field").asText()).isEqualTo("zone");

        Reply invited = api.post(admin, "/api/invitations", recruiter);
        assertThat(invited.status()).as(invited.raw().body()).isEqualTo(201);
        sendMail();
        String token =
                AccountMail.token(AccountMail.textsTo(SMTP, "rex@agency.test").get(0));
        assertThat(api.delete(
                                admin,
                                "/api/invitations/" + invited.json().get("id").asLong())
                        .status())
                .isEqualTo(204);
        assertThat(emails(api.get(admin, "/api/invitations"))).doesNotContain("rex@agency.test");
        Reply accept = api.post(
                TestApi.ANONYMOUS, "/api/invitations/accept", Map.of("token", token, "password", NEW_PASSWORD));
        assertThat(accept.status()).isEqualTo(400);
        assertThat(accept.json().get("code").asText()).isEqualTo("LINK_NOT_USABLE");
        assertThat(login("rex@agency.test", NEW_PASSWORD)).isEqualTo(401);
    }

    @Test
    void aPasswordResetForgetsTheDelaysOfItsAddress() {
        TestApp.user(DATABASE, "tess@agency.test", "Tess Throttled", Role.RECRUITER);
        for (int i = 0; i < 5; i++) {
            assertThat(login("tess@agency.test", "a wrong guess")).isEqualTo(401);
        }
        assertThat(login("tess@agency.test", TestApp.PASSWORD)).isEqualTo(429);

        assertThat(api.post(TestApi.ANONYMOUS, "/api/password-reset", Map.of("email", "tess@agency.test"))
                        .status())
                .isEqualTo(202);
        sendMail();
        String token =
                AccountMail.token(AccountMail.textsTo(SMTP, "tess@agency.test").get(0));
        assertThat(api.post(
                                TestApi.ANONYMOUS,
                                "/api/password-reset/complete",
                                Map.of("token", token, "password", NEW_PASSWORD))
                        .status())
                .isEqualTo(204);
        // The clock has not moved: before, the address still had to wait after proving it reads its mailbox.
        assertThat(login("tess@agency.test", NEW_PASSWORD)).isEqualTo(200);
    }

    @Test
    void wrongCurrentPasswordsCountLikeWrongLogins() {
        TestApp.user(DATABASE, "gus@agency.test", "Gus Guesser", Role.CANDIDATE);
        TestApi.Session session = api.login("gus@agency.test", TestApp.PASSWORD);
        for (int i = 0; i < 5; i++) {
            Reply wrong = api.put(
                    session, "/api/me/password", Map.of("currentPassword", "guess " + i, "newPassword", NEW_PASSWORD));
            assertThat(wrong.json().get("code").asText()).isEqualTo("WRONG_CURRENT_PASSWORD");
        }
        Reply refused = api.put(
                session, "/api/me/password", Map.of("currentPassword", TestApp.PASSWORD, "newPassword", NEW_PASSWORD));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asText()).isEqualTo("TOO_MANY_LOGINS");
        assertThat(refused.header("Retry-After")).contains("1");
        assertThat(login("gus@agency.test", TestApp.PASSWORD)).isEqualTo(429);

        ClockedApplication.CLOCK.advance(Duration.ofSeconds(1));
        assertThat(api.put(
                                session,
                                "/api/me/password",
                                Map.of("currentPassword", TestApp.PASSWORD, "newPassword", NEW_PASSWORD))
                        .status())
                .isEqualTo(204);
        assertThat(login("gus@agency.test", NEW_PASSWORD)).isEqualTo(200);
    }

    @Test
    void oneClientGuessingAtManyAddressesMeetsTheSameDelays() {
        TestApp.user(DATABASE, "cleo@agency.test", "Cleo Client", Role.RECRUITER);
        List<Integer> answers = new java.util.ArrayList<>();
        // One guess at each of many addresses: no address's own throttle is ever reached.
        for (int i = 0; i < 45; i++) {
            answers.add(login("sprayed" + i + "@agency.test", "a guess"));
        }
        try {
            assertThat(answers).contains(429);
            assertThat(answers.subList(0, answers.indexOf(429))).containsOnly(401);
            Reply right = api.post(
                    TestApi.ANONYMOUS,
                    "/api/session",
                    Map.of("email", "cleo@agency.test", "password", TestApp.PASSWORD));
            assertThat(right.status()).isEqualTo(429);
            assertThat(right.json().get("code").asText()).isEqualTo("TOO_MANY_LOGINS");
            assertThat(right.header("Retry-After")).isPresent();
        } finally {
            // Every test here logs in from the same address.
            jdbi.useHandle(handle -> handle.execute("DELETE FROM login_throttle"));
        }
    }

    @Test
    void aRecruiterInvitingATakenAddressIsNotToldWhoseItIs() {
        TestApi.Session rita = api.login("rita@agency.test", TestApp.PASSWORD);
        TestApi.Session otto = api.login("otto@agency.test", TestApp.PASSWORD);
        TestApi.Session admin = api.login("admin@agency.test", TestApp.PASSWORD);
        assertThat(api.post(
                                otto,
                                "/api/candidates",
                                Map.of("name", "Olga Others", "email", "olga@example.test", "zone", "Europe/Paris"))
                        .status())
                .isEqualTo(201);

        // A staff login's address, another recruiter's candidate's, and a new one: the first two answer alike.
        Reply staff = invite(rita, "otto@agency.test");
        Reply othersCandidate = invite(rita, "olga@example.test");
        assertThat(staff.status()).isEqualTo(409);
        assertThat(staff.json().get("code").asText()).isEqualTo("EMAIL_TAKEN");
        assertThat(staff.json().get("detail")).isEqualTo(othersCandidate.json().get("detail"));
        assertThat(staff.json().get("errors")).isEqualTo(othersCandidate.json().get("errors"));
        assertThat(staff.json().get("detail").asText()).doesNotContain("user", "candidate with");

        // An admin, who sees every user, is told.
        assertThat(invite(admin, "otto@agency.test").json().get("detail").asText())
                .isEqualTo("A user with this email already exists.");
    }

    private static Reply invite(TestApi.Session inviter, String email) {
        return api.post(
                inviter,
                "/api/invitations",
                Map.of("email", email, "displayName", "Someone", "role", "CANDIDATE", "zone", "Europe/Paris"));
    }

    @Test
    void anImportInvitesTheCandidatesItCreatesOnlyWhenAsked() {
        TestApi.Session admin = api.login("admin@agency.test", TestApp.PASSWORD);
        String csv = "name,email,zone,recruiter_email\n"
                + "Ivy Imported,ivy@example.test,Europe/Paris,rita@agency.test\n"
                + "Otto Again,otto@agency.test,Europe/Paris,\n";
        Reply imported = api.postCsv(admin, "/api/admin/import/candidates?mode=valid-rows&invite=true", csv);
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
        sendMail();
        List<String> mails = AccountMail.textsTo(SMTP, "ivy@example.test");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0)).contains("Hello Ivy Imported", "http://portal.test/accept-invitation?token=");
        // The address a staff login already has is not given a second login, and gets no mail.
        assertThat(AccountMail.textsTo(SMTP, "otto@agency.test")).isEmpty();
        assertThat(api.post(
                                TestApi.ANONYMOUS,
                                "/api/invitations/accept",
                                Map.of("token", AccountMail.token(mails.get(0)), "password", NEW_PASSWORD))
                        .status())
                .isEqualTo(204);
        TestApi.Session ivy = api.login("ivy@example.test", NEW_PASSWORD);
        assertThat(api.get(ivy, "/api/session").json().at("/user/role").asText())
                .isEqualTo("CANDIDATE");
        assertThat(count(
                        "SELECT count(*) FROM candidates WHERE email = :value AND user_id IS NOT NULL",
                        "ivy@example.test"))
                .isEqualTo(1);

        // Without the parameter, an import invites nobody.
        assertThat(api.postCsv(
                                admin,
                                "/api/admin/import/candidates?mode=valid-rows",
                                "name,email,zone,recruiter_email\nNed Noinvite,ned@example.test,Europe/Paris,\n")
                        .status())
                .isEqualTo(200);
        sendMail();
        assertThat(AccountMail.textsTo(SMTP, "ned@example.test")).isEmpty();
        assertThat(count(
                        "SELECT count(*) FROM candidates WHERE email = :value AND user_id IS NULL", "ned@example.test"))
                .isEqualTo(1);
    }

    private static int login(String email, String password) {
        return api.post(TestApi.ANONYMOUS, "/api/session", Map.of("email", email, "password", password))
                .status();
    }

    private static List<String> emails(Reply invitations) {
        assertThat(invitations.status()).isEqualTo(200);
        return invitations.json().get("items").findValuesAsText("email");
    }

    private static void sendMail() {
        ((FollowupApplication) APP.getApplication()).notifications().sender().runOnce();
    }

    private static long adminId() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM users WHERE email = 'admin@agency.test'")
                .mapTo(Long.class)
                .one());
    }

    private static int audit(String action) {
        return count("SELECT count(*) FROM audit_log WHERE action = :value", action);
    }

    private static int count(String sql, String value) {
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("value", value)
                .mapTo(Integer.class)
                .one());
    }
}
