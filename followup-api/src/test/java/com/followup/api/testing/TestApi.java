package com.followup.api.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A small HTTP client for tests that speaks to a running server the way a browser or integration does. */
public final class TestApi {
    /** A response: status, headers and the body parsed as JSON (or null when empty). */
    public record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    /** How a request proves who sends it. */
    public sealed interface Caller permits Anonymous, Session, Bearer {}

    public record Anonymous() implements Caller {}

    public record Session(String cookie, String csrfToken) implements Caller {}

    public record Bearer(String token) implements Caller {}

    public static final Caller ANONYMOUS = new Anonymous();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json;
    private final String base;

    public TestApi(String base, ObjectMapper json) {
        this.base = requireNonNull(base, "base is null");
        this.json = requireNonNull(json, "json is null");
    }

    public Reply get(Caller caller, String path) {
        return send(caller, "GET", path, null, true);
    }

    /** A GET whose answer is not JSON (the body stays available as text). */
    public Reply getText(Caller caller, String path) {
        return send(caller, "GET", path, null, true, "Accept", "*/*");
    }

    public Reply post(Caller caller, String path, Object body) {
        return send(caller, "POST", path, body, true);
    }

    public Reply put(Caller caller, String path, Object body) {
        return send(caller, "PUT", path, body, true);
    }

    public Reply delete(Caller caller, String path) {
        return send(caller, "DELETE", path, null, true);
    }

    public Reply postWithHeader(Caller caller, String path, Object body, String header, String value) {
        return send(caller, "POST", path, body, true, header, value);
    }

    /** A POST of a CSV file (the body as it is, {@code text/csv}). */
    public Reply postCsv(Caller caller, String path, String csv) {
        return send(caller, "POST", path, csv, true, "Content-Type", "text/csv");
    }

    /** A write with a session cookie but without the CSRF token, as a forged cross-site request would be. */
    public Reply postWithoutCsrf(Session caller, String path, Object body) {
        return send(caller, "POST", path, body, false);
    }

    /** Logs in and returns the session, failing the test if the login fails. */
    public Session login(String email, String password) {
        Reply reply = post(ANONYMOUS, "/api/session", new Credentials(email, password));
        if (reply.status() != 200) {
            throw new AssertionError("login of " + email + " failed: " + reply.status() + " "
                    + reply.raw().body());
        }
        String setCookie = reply.header("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new Session(cookie, reply.json().get("csrfToken").asText());
    }

    record Credentials(String email, String password) {}

    private Reply send(Caller caller, String method, String path, Object body, boolean withCsrf) {
        return send(caller, method, path, body, withCsrf, null, null);
    }

    private Reply send(
            Caller caller, String method, String path, Object body, boolean withCsrf, String header, String value) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Accept", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(
                                            body instanceof String text ? text : json.writeValueAsString(body)));
            if (body != null && !"Content-Type".equalsIgnoreCase(header)) {
                request.header("Content-Type", "application/json");
            }
            if (header != null) {
                request.header(header, value);
            }
            if (caller instanceof Session session) {
                request.header("Cookie", session.cookie());
                if (withCsrf) {
                    request.header("X-CSRF-Token", session.csrfToken());
                }
            } else if (caller instanceof Bearer bearer) {
                request.header("Authorization", "Bearer " + bearer.token());
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException stalePooledConnection) {
                // The server may close a kept-alive connection after refusing a request whose body it did not
                // read (401/403 before the entity); the JDK client can pick that connection once. Send again.
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            OpenApiContract.check(base, method, path, response);
            boolean isJson = response.headers()
                    .firstValue("Content-Type")
                    .filter(type -> type.contains("json"))
                    .isPresent();
            JsonNode parsed = response.body().isEmpty() || !isJson ? null : json.readTree(response.body());
            return new Reply(response.statusCode(), response, parsed);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
