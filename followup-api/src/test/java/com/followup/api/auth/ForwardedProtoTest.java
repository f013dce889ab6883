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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a TLS proxy the connector is told to trust forwarded headers ({@code useForwardedHeaders: true}); then the
 * proxy's {@code X-Forwarded-Proto: https} makes the session cookie Secure even with {@code secureCookies: false}.
 * (LoginSecurityTest shows a connector that does not trust them ignoring the header.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ForwardedProtoTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(
            DATABASE,
            ConfigOverride.config("auth.secureCookies", "false"),
            ConfigOverride.config("server.applicationConnectors[0].useForwardedHeaders", "true"));

    private static TestApi api;

    @BeforeAll
    static void createUser() {
        TestApp.user(DATABASE, "proxied@agency.test", "Pat Proxied", Role.RECRUITER);
        api = TestApp.api(APP);
    }

    @Test
    void aTrustedProxysForwardedProtoMakesTheCookieSecure() {
        Map<String, String> credentials = Map.of("email", "proxied@agency.test", "password", TestApp.PASSWORD);
        Reply plain = api.post(TestApi.ANONYMOUS, "/api/session", credentials);
        assertThat(plain.header("Set-Cookie").orElseThrow()).doesNotContainIgnoringCase("Secure");

        Reply forwarded =
                api.postWithHeader(TestApi.ANONYMOUS, "/api/session", credentials, "X-Forwarded-Proto", "https");
        assertThat(forwarded.status()).isEqualTo(200);
        assertThat(forwarded.header("Set-Cookie").orElseThrow()).containsIgnoringCase("Secure");
    }
}
