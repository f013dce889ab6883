package com.followup.api.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The server's own OpenAPI document as a contract on every answer the end-to-end tests receive (issue 14): each
 * JSON answer of a documented route is checked against the schema the document gives for that route and status, so a
 * field the document calls non-null that comes back null, or an array described as an object, fails the test that
 * received it. Requests are not checked: tests send invalid ones on purpose.
 */
final class OpenApiContract {
    /** One document per server (tests start several), read once from the server itself. */
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OpenApiContract() {}

    /** Throws an AssertionError naming each way the answer departs from the document. */
    static void check(String base, String method, String pathAndQuery, HttpResponse<String> response) {
        String path = URI.create(pathAndQuery).getPath();
        if (path.equals("/api/openapi.json") || !path.startsWith("/api/")) {
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.contains("json")) {
            return;
        }
        String failures = failures(
                VALIDATORS.computeIfAbsent(base, OpenApiContract::load),
                method,
                path,
                response.statusCode(),
                type,
                response.body());
        if (!failures.isEmpty()) {
            throw new AssertionError("The answer to " + method + " " + path + " (" + response.statusCode()
                    + ") does not match the OpenAPI document:\n" + failures + "\nbody: " + abbreviate(response.body()));
        }
    }

    /** Each way the answer departs from the document, one per line; empty when it matches. */
    static String failures(
            OpenApiInteractionValidator validator, String method, String path, int status, String type, String body) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(status).withContentType(type);
        if (!body.isEmpty()) {
            answer.withBody(body);
        }
        ValidationReport report = validator.validateResponse(
                path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), answer.build());
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> "  - " + message.getKey() + ": " + message.getMessage())
                .collect(Collectors.joining("\n"));
    }

    /** A validator of answers against the given document (JSON). */
    static OpenApiInteractionValidator validator(String document) throws IOException {
        return OpenApiInteractionValidator.createForInlineApiSpecification(nullableReferencesForTheValidator(document))
                .withLevelResolver(LevelResolver.create()
                        .withDefaultLevel(ValidationReport.Level.ERROR)
                        // Only the answers are the contract here (see above).
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    private static OpenApiInteractionValidator load(String base) {
        try {
            HttpResponse<String> document = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/api/openapi.json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return validator(document.body());
        } catch (IOException e) {
            throw new AssertionError("could not read the OpenAPI document of " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The document says "a reference, or null" the way OpenAPI 3.0 allows ({@code nullable: true} beside an
     * {@code allOf} of the one reference). The validator's JSON Schema engine (draft 4) checks the {@code allOf}
     * before it looks at {@code nullable} and so refuses every null; for it alone, that shape becomes the draft-4
     * equivalent, {@code anyOf} the reference or the {@code null} type. Nothing else in the document is touched.
     */
    static String nullableReferencesForTheValidator(String document) throws IOException {
        JsonNode root = MAPPER.readTree(document);
        rewrite(root);
        return MAPPER.writeValueAsString(root);
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode allOf = object.get("allOf");
            if (object.path("nullable").asBoolean(false) && allOf != null && allOf.size() == 1) {
                object.remove("nullable");
                object.remove("allOf");
                ArrayNode anyOf = object.putArray("anyOf");
                anyOf.add(allOf.get(0));
                anyOf.addObject().put("type", "null");
            }
            object.elements().forEachRemaining(OpenApiContract::rewrite);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(OpenApiContract::rewrite);
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }
}
