package com.followup.api.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Malformed requests generated from the server's own OpenAPI document (decision 0018): for each operation, path and
 * query parameters of the wrong type, out of range, with NUL or control characters or broken percent-encoding, and
 * bodies that are broken JSON, the right shape with wrong values (NUL, year 999999999, huge numbers, wrong types,
 * unknown fields), a plain body that claims gzip, a gzip one, the wrong media type, or none. Everything comes from one
 * {@link Random} of a given seed, so a run can be replayed request for request.
 */
public final class Fuzzer {
    /** One request sent and what came back; {@code description} is enough to send it again with curl. */
    public record Exchange(
            String caller,
            String operation,
            String description,
            int status,
            String contentType,
            String body,
            long millis) {}

    /** A way to be someone: the headers that prove it (a session cookie and CSRF token, or none). */
    public record Caller(String name, Map<String, String> headers) {}

    private static final List<String> METHODS = List.of("get", "post", "put", "patch");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String base;
    private final JsonNode document;
    private final ObjectMapper json;
    private final Random random;
    private final List<Long> ids;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param ids ids that exist (of any kind), so some requests reach the code behind the lookup
     */
    public Fuzzer(String base, JsonNode document, ObjectMapper json, long seed, List<Long> ids) {
        this.base = requireNonNull(base, "base is null");
        this.document = requireNonNull(document, "document is null");
        this.json = requireNonNull(json, "json is null");
        this.random = new Random(seed);
        this.ids = List.copyOf(ids);
    }

    /** The operations ("POST /api/interviews") of the document that the fuzzer sends requests to. */
    public List<String> operations() {
        List<String> operations = new ArrayList<>();
        for (Operation operation : parse()) {
            operations.add(operation.method().toUpperCase() + " " + operation.path());
        }
        return operations;
    }

    /** Sends {@code rounds} requests to every operation as each caller, and returns every exchange. */
    public List<Exchange> run(List<Caller> callers, int rounds) {
        return run(callers, rounds, java.util.Set.of());
    }

    /** As {@link #run(List, int)}, leaving out {@code skipped} operations ("POST /logout" would end the session). */
    public List<Exchange> run(List<Caller> callers, int rounds, java.util.Set<String> skipped) {
        List<Operation> operations = parse().stream()
                .filter(operation -> !skipped.contains(operation.method().toUpperCase() + " " + operation.path()))
                .toList();
        List<Exchange> exchanges = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (Operation operation : operations) {
                for (Caller caller : callers) {
                    exchanges.add(send(caller, operation));
                }
            }
        }
        return exchanges;
    }

    private record Parameter(String name, String in, JsonNode schema) {}

    private record Operation(String method, String path, List<Parameter> parameters, Map<String, JsonNode> bodies) {}

    private List<Operation> parse() {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Parameter(
                            parameter.path("name").asText(),
                            parameter.path("in").asText(),
                            resolve(parameter.path("schema"))));
                }
                Map<String, JsonNode> bodies = new LinkedHashMap<>();
                operation
                        .path("requestBody")
                        .path("content")
                        .fields()
                        .forEachRemaining(content -> bodies.put(
                                content.getKey(), resolve(content.getValue().path("schema"))));
                operations.add(new Operation(method, path.getKey(), parameters, bodies));
            }
        }
        return operations;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String name = current.get("$ref").asText().replace("#/components/schemas/", "");
            current = document.path("components").path("schemas").path(name);
        }
        return current;
    }

    private Exchange send(Caller caller, Operation operation) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>(caller.headers());
        for (Parameter parameter : operation.parameters()) {
            switch (parameter.in()) {
                case "path" -> path = path.replace("{" + parameter.name() + "}", pathValue(parameter.schema()));
                case "query" -> {
                    if (random.nextInt(3) > 0) {
                        query.append(query.isEmpty() ? "?" : "&")
                                .append(parameter.name())
                                .append('=')
                                .append(queryValue(parameter.schema()));
                    }
                }
                case "header" -> {
                    if (random.nextBoolean()) {
                        headers.put(parameter.name(), headerValue());
                    }
                }
                default -> {}
            }
        }
        if (random.nextInt(10) == 0) {
            query.append(query.isEmpty() ? "?" : "&").append(pick(RAW_QUERIES));
        }
        byte[] body = null;
        if (!operation.method().equals("get") || random.nextInt(20) == 0) {
            body = body(operation, headers);
        }
        String target = path + query;
        String description = operation.method().toUpperCase() + " " + target + " "
                + headers.entrySet().stream()
                        .filter(header -> !caller.headers().containsKey(header.getKey()))
                        .toList()
                + (body == null ? "" : " body: " + preview(body));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            operation.method().toUpperCase(),
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            long started = System.nanoTime();
            HttpResponse<String> response = null;
            // Two ways to lose an answer that are not the server's doing, each a matter of timing. The client may pick,
            // once, a kept-alive connection the server closed after refusing a request whose body it did not read. Or
            // the server refused this very request before reading its large body (a path Jetty finds ambiguous, an
            // unknown id) and closed while the client was still sending it: the connection is then reset under the
            // answer. Java's client lost about one answer in ten to the second (30 tries of a 200 kB body to such a
            // path); its Expect: 100-continue, which would avoid it, hangs on a refusal in JDK 17. A third failure is
            // the server's.
            for (int attempt = 1; response == null; attempt++) {
                try {
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException lostAnswer) {
                    if (attempt == 3) {
                        throw lostAnswer;
                    }
                }
            }
            return new Exchange(
                    caller.name(),
                    operation.method().toUpperCase() + " " + operation.path(),
                    description,
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("the server did not answer " + description, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the fuzzer built a request the client refuses: " + description, e);
        }
    }

    private static final List<String> RAW_QUERIES = List.of(
            "limit=abc",
            "offset=-1",
            "limit=99999999999999999999",
            "q=%00",
            "%00=1",
            "x=%0d%0a",
            "=",
            "&&&",
            "limit=1e3",
            "offset=0x10",
            "q=" + "a".repeat(3000));

    private String pathValue(JsonNode schema) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2, 3 -> String.valueOf(ids.get(random.nextInt(ids.size())));
            case 4 -> pick(List.of("abc", "-1", "0", "1.5", "99999999999999999999", "9223372036854775807"));
            case 5 -> pick(List.of("%00", "%20", "%25", "%0d%0a", "%E2%82%AC", "a%2Fb", "%C3%28"));
            case 6 -> schema.path("type").asText().equals("string") ? encode(text()) : String.valueOf(random.nextInt());
            default -> encode(text());
        };
    }

    private String queryValue(JsonNode schema) {
        String type = schema.path("type").asText();
        if (random.nextInt(3) == 0) {
            return pick(List.of(
                    "abc",
                    "",
                    "%00",
                    "-1",
                    "99999999999999999999",
                    "1.5",
                    "%09",
                    "%0d%0a",
                    "true",
                    encode("+999999999-01-01T00:00:00Z"),
                    encode("999999999-12-31"),
                    "2026-W99",
                    encode(text())));
        }
        return switch (type) {
            case "integer" -> String.valueOf(random.nextBoolean() ? random.nextInt(5) : random.nextInt(500) - 10);
            case "boolean" -> String.valueOf(random.nextBoolean());
            default -> {
                JsonNode values = schema.path("enum");
                if (values.isArray() && !values.isEmpty()) {
                    yield encode(values.get(random.nextInt(values.size())).asText());
                }
                yield encode(pick(List.of("2026-W10", "2026-03-02T12:00:00Z", "pdf", "csv", "agency", "x", text())));
            }
        };
    }

    private String headerValue() {
        return pick(List.of("key-" + random.nextInt(1000), "", " ", "x".repeat(300), "\u00e9t\u00e9"))
                .replace("\u00e9", "e");
    }

    private byte[] body(Operation operation, Map<String, String> headers) {
        List<String> types = new ArrayList<>(operation.bodies().keySet());
        String type = types.isEmpty()
                ? pick(List.of("application/json", "application/x-www-form-urlencoded"))
                : types.get(random.nextInt(types.size()));
        JsonNode schema = operation.bodies().getOrDefault(type, NODES.objectNode());
        int choice = random.nextInt(20);
        if (choice == 0) {
            return null;
        }
        if (choice == 1) {
            headers.put(
                    "Content-Type", pick(List.of("text/plain", "application/xml", "image/png", "application/json")));
            return utf8(text());
        }
        String contentType = type.equals("*/*") ? "application/json" : type;
        headers.put("Content-Type", contentType + (random.nextInt(10) == 0 ? "; charset=" + pick(CHARSETS) : ""));
        byte[] body;
        if (contentType.contains("json")) {
            body = choice < 5 ? utf8(pick(BROKEN_JSON)) : utf8(write(value(schema, 0)));
        } else if (contentType.contains("form")) {
            body = utf8(form(schema));
        } else {
            body = utf8(csv());
        }
        if (choice == 5) {
            headers.put("Content-Encoding", "gzip");
        } else if (choice == 6) {
            headers.put("Content-Encoding", "gzip");
            body = gzip(body);
        } else if (choice == 7) {
            headers.put("Content-Encoding", pick(List.of("deflate", "br", "identity", "x-unknown")));
        }
        return body;
    }

    private static final List<String> CHARSETS = List.of("utf-8", "iso-8859-1", "utf-16", "x-nonsense", "");

    private static final List<String> BROKEN_JSON = List.of(
            "",
            "{",
            "[",
            "}",
            "null",
            "0",
            "\"text\"",
            "[]",
            "{\"a\":",
            "{\"a\" 1}",
            "{'single': 'quotes'}",
            "{\"x\":1,}",
            "1e999999999",
            "{\"name\":\"\\u0000\"}",
            "{\"name\":\"\\ud800\"}",
            "\u0000",
            "[".repeat(5000) + "]".repeat(5000),
            "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
            "{\"version\":" + "9".repeat(2000) + "}",
            "{\"name\":\"" + "a".repeat(200_000) + "\"}");

    private JsonNode value(JsonNode schema, int depth) {
        if (random.nextInt(6) == 0 || depth > 4) {
            return malformed();
        }
        JsonNode resolved = resolve(schema);
        if (resolved.has("oneOf") || resolved.has("anyOf")) {
            JsonNode choices = resolved.has("oneOf") ? resolved.get("oneOf") : resolved.get("anyOf");
            return value(choices.get(random.nextInt(choices.size())), depth + 1);
        }
        JsonNode values = resolved.path("enum");
        if (values.isArray() && !values.isEmpty()) {
            return values.get(random.nextInt(values.size()));
        }
        String type = resolved.path("type").asText(resolved.has("properties") ? "object" : "");
        String format = resolved.path("format").asText("");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                resolved.path("properties").fields().forEachRemaining(property -> {
                    if (random.nextInt(5) > 0) {
                        object.set(property.getKey(), value(property.getValue(), depth + 1));
                    }
                });
                if (random.nextInt(15) == 0) {
                    object.put("unknownField", 1);
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(4);
                for (int index = 0; index < size; index++) {
                    array.add(value(resolved.path("items"), depth + 1));
                }
                yield array;
            }
            case "integer" ->
                NODES.numberNode(
                        random.nextBoolean()
                                ? ids.get(random.nextInt(ids.size()))
                                : (long) random.nextInt(2000) - 1000);
            case "number" -> NODES.numberNode(random.nextDouble() * 1000);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "string" ->
                switch (format) {
                    case "date-time" ->
                        NODES.textNode(Instant.parse("2026-03-02T12:00:00Z")
                                .plus(Duration.ofMinutes(random.nextInt(200_000) - 100_000))
                                .toString());
                    case "date" -> NODES.textNode("2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10));
                    case "email" -> NODES.textNode("fuzz" + random.nextInt(1000) + "@example.test");
                    default ->
                        NODES.textNode(pick(
                                List.of("Europe/London", "PT48H", "P14D", "Acme", "INTERVIEWER", "EMAIL", text())));
                };
            default -> malformed();
        };
    }

    private JsonNode malformed() {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.textNode("a\u0000b");
            case 1 -> NODES.textNode("+999999999-01-01T00:00:00Z");
            case 2 -> NODES.textNode("999999999-12-31");
            case 3 -> NODES.textNode("-999999999-01-01T00:00:00Z");
            case 4 -> NODES.numberNode(new java.math.BigInteger("99999999999999999999999"));
            case 5 -> NODES.numberNode(-1L);
            case 6 -> NODES.numberNode(Long.MAX_VALUE);
            case 7 -> NODES.numberNode(1e308);
            case 8 -> NODES.booleanNode(true);
            case 9 -> NODES.arrayNode().add(1).add("x");
            case 10 -> NODES.objectNode().put("nested", "object");
            case 11 -> NODES.nullNode();
            case 12 -> NODES.textNode("");
            case 13 -> NODES.textNode("x".repeat(20_000));
            case 14 -> NODES.textNode("P99999999999D");
            default -> NODES.textNode(text());
        };
    }

    private String form(JsonNode schema) {
        List<String> fields = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(name -> fields.add(name));
        if (fields.isEmpty()) {
            fields.addAll(List.of("name", "email", "password", "next", "at", "kind", "channel", "text"));
        }
        StringBuilder form = new StringBuilder();
        for (String field : fields) {
            if (random.nextBoolean()) {
                form.append(form.isEmpty() ? "" : "&")
                        .append(field)
                        .append('=')
                        .append(random.nextInt(6) == 0 ? pick(List.of("%zz", "%00", "%", "%0d%0a")) : encode(text()));
            }
        }
        return form.toString();
    }

    private String csv() {
        StringBuilder csv = new StringBuilder();
        if (random.nextBoolean()) {
            csv.append("name,email,zone\n");
        }
        for (int row = 0; row < random.nextInt(4); row++) {
            csv.append(text().replace("\n", "")).append(',').append(text()).append(",Europe/London\n");
        }
        if (random.nextInt(5) == 0) {
            csv.append("\"unterminated\n\u0000\n");
        }
        return csv.toString();
    }

    /** Text of the kinds that break naive code: NUL, control characters, quotes, markup, lone surrogates, emoji. */
    private String text() {
        return pick(List.of(
                "plain",
                "a\u0000b",
                "tab\there",
                "line\r\nbreak",
                "'; DROP TABLE users; --",
                "<script>alert(1)</script>",
                "\u202eevil",
                "\ud83d\ude00 emoji",
                "\ud800",
                "%",
                "../../etc/passwd",
                " ",
                "${jndi:ldap://example.test/a}",
                "\u0001\u0002\u001f",
                "9999-12-31",
                "+999999999-01-01T00:00:00Z"));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String write(JsonNode value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "... (" + body.length + " bytes)" : text;
    }
}
