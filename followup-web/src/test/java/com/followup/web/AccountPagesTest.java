package com.followup.web;

import static com.followup.web.testing.PortalHttp.csrf;
import static com.followup.web.testing.PortalHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.PasswordRules;
import com.followup.api.auth.Role;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.PortalApp;
import com.followup.web.testing.PortalApp.Cast;
import com.followup.web.testing.PortalHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account pages over plain HTTP: change password, invitations, an admin's forced reset, the password rule. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccountPagesTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = PortalApp.app(DATABASE);

    static Cast cast;
    static PortalHttp http;

    @BeforeAll
    static void people() {
        cast = Cast.create(DATABASE, APP);
        http = new PortalHttp(PortalApp.base(APP));
    }

    @Test
    void aCandidateChangesTheirPasswordOnThePageAndTheirOtherSessionEnds() {
        TestApp.user(DATABASE, "pam@example.test", "Pam Password", Role.CANDIDATE);
        String here = http.login("pam@example.test", TestApp.PASSWORD);
        String elsewhere = http.login("pam@example.test", TestApp.PASSWORD);
        HttpResponse<String> page = http.get(here, "/account/password");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(PasswordRules.HINT);
        String token = csrf(page);

        HttpResponse<String> wrong = http.post(
                here,
                "/account/password",
                form("_csrf", token, "currentPassword", "not it at all", "newPassword", "a new long passphrase"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("is not your current password").doesNotContain("a new long passphrase");

        HttpResponse<String> tooShort = http.post(
                here,
                "/account/password",
                form("_csrf", token, "currentPassword", TestApp.PASSWORD, "newPassword", "short"));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        // The error states the rule in the hint's words.
        assertThat(tooShort.body()).contains(PasswordRules.MESSAGE).contains(PasswordRules.HINT);

        HttpResponse<String> changed = http.post(
                here,
                "/account/password",
                form("_csrf", token, "currentPassword", TestApp.PASSWORD, "newPassword", "a new long passphrase"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location").orElseThrow()).endsWith("/account/password?saved=1");
        assertThat(http.get(here, "/account/password?saved=1").body()).contains("Password changed");
        assertThat(http.get(elsewhere, "/").statusCode()).isEqualTo(303);
        http.login("pam@example.test", "a new long passphrase");
    }

    @Test
    void theAdminsNewUserFormShowsTheSameRuleItsErrorStates() {
        String admin = http.login(Cast.ADMIN, TestApp.PASSWORD);
        HttpResponse<String> page = http.get(admin, "/admin");
        assertThat(page.body()).contains(PasswordRules.HINT).doesNotContain("At least 12 characters");
        HttpResponse<String> refused = http.post(
                admin,
                "/admin/users",
                form(
                        "_csrf",
                        csrf(page),
                        "email",
                        "short.one@agency.test",
                        "displayName",
                        "Shorty",
                        "role",
                        "RECRUITER",
                        "password",
                        "eleven char"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains(PasswordRules.MESSAGE);
    }

    @Test
    void aRecruiterInvitesACandidateSeesThemPendingAndRevokesTheInvitation() {
        String rita = http.login(Cast.RECRUITER, TestApp.PASSWORD);
        HttpResponse<String> page = http.get(rita, "/invitations");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Everyone you invited has accepted").doesNotContain("Recruiter</option>");

        HttpResponse<String> invited = http.post(
                rita,
                "/invitations",
                form(
                        "_csrf",
                        csrf(page),
                        "displayName",
                        "Ivy Invited",
                        "email",
                        "ivy@example.test",
                        "role",
                        "CANDIDATE",
                        "zone",
                        "Europe/Berlin"));
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(303);
        HttpResponse<String> listed = http.get(rita, "/invitations?saved=invited");
        assertThat(listed.body()).contains("Invitation sent", "ivy@example.test", "Ivy Invited");
        assertThat(http.get(http.login(Cast.CARA, TestApp.PASSWORD), "/invitations")
                        .statusCode())
                .isEqualTo(403);

        String id = listed.body().replaceAll("(?s).*action=\"/invitations/(\\d+)/revoke\".*", "$1");
        HttpResponse<String> revoked = http.post(rita, "/invitations/" + id + "/revoke", form("_csrf", csrf(listed)));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(http.get(rita, "/invitations").body()).doesNotContain("ivy@example.test");
    }

    @Test
    void anAdminForcesAResetFromTheUsersPageWhichEndsTheirSession() {
        long userId = TestApp.user(DATABASE, "fran@agency.test", "Fran Forced", Role.RECRUITER);
        String fran = http.login("fran@agency.test", TestApp.PASSWORD);
        String admin = http.login(Cast.ADMIN, TestApp.PASSWORD);
        HttpResponse<String> page = http.get(admin, "/admin/users/" + userId);
        assertThat(page.body()).contains("Force a password reset");

        HttpResponse<String> forced =
                http.post(admin, "/users/" + userId + "/password-reset", form("_csrf", csrf(page)));
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(303);
        assertThat(forced.headers().firstValue("Location").orElseThrow()).endsWith("/admin/done?saved=password-reset");
        assertThat(http.get(admin, "/admin/done?saved=password-reset").body()).contains("Password reset forced");
        assertThat(http.get(fran, "/").statusCode()).isEqualTo(303);
        assertThat(http.post(null, "/login", form("email", "fran@agency.test", "password", TestApp.PASSWORD))
                        .statusCode())
                .isEqualTo(401);
    }
}
