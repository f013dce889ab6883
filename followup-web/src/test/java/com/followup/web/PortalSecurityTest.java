package com.followup.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.http.SecurityHeaders;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import com.followup.web.testing.PortalApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The portal's side of issue 15 (decision 0024): login CSRF, redirects, safety headers, no inline script. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PortalSecurityTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = PortalApp.app(DATABASE);

    private static final String EMAIL = "rita@agency.test";
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void people() {
        TestApp.user(DATABASE, EMAIL, "Rita Recruiter", Role.RECRUITER);
    }

    @Test
    void aLoginFormPostedFromAnotherSiteLogsNobodyIn() {
        HttpResponse<String> forged = login("Origin", "https://evil.example");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(forged.body()).contains("only from this site");

        HttpResponse<String> viaReferer = login("Referer", "https://evil.example/trap.html");
        assertThat(viaReferer.statusCode()).isEqualTo(403);
        assertThat(viaReferer.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> own = login("Origin", PortalApp.base(APP));
        assertThat(own.statusCode()).isEqualTo(303);
        assertThat(own.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("followup_session=");
    }

    @Test
    void redirectsNeverNameTheHostTheRequestClaimed() throws IOException {
        // Before: "Host: evil.example" answered "Location: http://evil.example/login?next=...".
        String toLogin = rawGet("/interviews/new", "evil.example", null);
        assertThat(location(toLogin)).isEqualTo("/login?next=%2Finterviews%2Fnew");

        HttpResponse<String> login = login("Origin", PortalApp.base(APP));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String loggedIn = rawGet("/login?next=/dashboard", "evil.example", cookie);
        assertThat(location(loggedIn)).isEqualTo("/dashboard");
    }

    @Test
    void pagesCarryTheSafetyHeadersAndAreNotCached() {
        HttpResponse<String> login = login("Origin", PortalApp.base(APP));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        for (String path : List.of("/login", "/dashboard", "/interviews/999999", "/no-such-page")) {
            HttpResponse<String> page = get(path, cookie);
            String what = path + " " + page.statusCode();
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .as(what)
                    .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(page.headers().firstValue("X-Content-Type-Options"))
                    .as(what)
                    .hasValue("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
            assertThat(page.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
        }
        HttpResponse<String> script = get("/assets/portal.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(script.headers().firstValue("Cache-Control")).isEmpty();
    }

    @Test
    void noTemplateHasInlineScriptOrStyleTheCspWouldBlock() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern inlineStyle = Pattern.compile("<style|\\sstyle\\s*=|javascript:", Pattern.CASE_INSENSITIVE);
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.toList()) {
                String text = Files.readString(template);
                assertThat(inlineScript.matcher(text).find())
                        .as("inline <script> in %s", template)
                        .isFalse();
                assertThat(handler.matcher(text).find())
                        .as("on...= handler in %s", template)
                        .isFalse();
                assertThat(inlineStyle.matcher(text).find())
                        .as("inline style in %s", template)
                        .isFalse();
            }
        }
    }

    private HttpResponse<String> login(String header, String value) {
        String body = "email=" + URLEncoder.encode(EMAIL, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(TestApp.PASSWORD, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(PortalApp.base(APP) + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(PortalApp.base(APP) + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET with a Host header of the caller's choosing, which the JDK's client does not allow; the answer's head. */
    private static String rawGet(String path, String host, String cookie) throws IOException {
        try (Socket socket = new Socket("localhost", APP.getLocalPort())) {
            OutputStream out = socket.getOutputStream();
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "Connection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = answer.indexOf("\r\n\r\n");
            return end < 0 ? answer : answer.substring(0, end);
        }
    }

    private static String location(String head) {
        return head.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("location:"))
                .map(line -> line.substring("location:".length()).trim())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Location in:\n" + head));
    }
}
