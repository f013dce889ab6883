package com.followup.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.openapi.OpenApiDocument;
import com.followup.api.openapi.OpenApiResource;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.ResourceModel;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The served OpenAPI document against the routes Jersey really serves, walked from Jersey's runtime resource
 * model (class-level and method-level paths, sub-resource methods and locators). The document's own route is
 * part of both sides: it is a route like any other.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiDocumentTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(DATABASE);

    private static final List<String> HTTP_METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One route: an HTTP method and a path template such as {@code /api/users/{id}}. */
    record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            int byPath = path.compareTo(other.path);
            return byPath != 0 ? byPath : method.compareTo(other.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static JsonNode document;
    static Map<Route, Method> served;

    @BeforeAll
    static void readDocumentAndRoutes() throws Exception {
        // The document is read by its first request (issue 18: not at start, beside the first users): several first
        // requests at once, in JSON and YAML, all wait for the one reading and answer the same document.
        TestApi api = new TestApi("http://localhost:" + APP.getLocalPort(), APP.getObjectMapper());
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<TestApi.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String path = i % 2 == 0 ? "/api/openapi.json" : "/api/openapi.yaml";
                replies.add(callers.submit(() -> api.getText(TestApi.ANONYMOUS, path)));
            }
            List<String> json = new ArrayList<>();
            List<String> yaml = new ArrayList<>();
            for (int i = 0; i < replies.size(); i++) {
                TestApi.Reply reply = replies.get(i).get(60, TimeUnit.SECONDS);
                assertThat(reply.status()).isEqualTo(200);
                (i % 2 == 0 ? json : yaml).add(reply.raw().body());
            }
            assertThat(Set.copyOf(json)).hasSize(1);
            assertThat(Set.copyOf(yaml)).hasSize(1);
            assertThat(yaml.get(0)).contains("openapi:");
            document = APP.getObjectMapper().readTree(json.get(0));
        } finally {
            callers.shutdownNow();
        }
        served = servedRoutes();
    }

    @Test
    void documentsExactlyTheRoutesJerseyServes() {
        assertThat(served).isNotEmpty().containsKey(new Route("GET", "/api/openapi.json"));
        assertThat(documentedRoutes()).isEqualTo(new TreeSet<>(served.keySet()));
    }

    @Test
    void securityFollowsTheAccessAnnotations() {
        served.forEach((route, method) -> {
            JsonNode operation = operation(route);
            List<String> security = new ArrayList<>();
            operation.path("security").forEach(requirement -> security.add(requirement.toString()));
            List<String> roles = new ArrayList<>();
            operation.path("x-roles").forEach(role -> roles.add(role.asText()));
            RolesAllowed rolesAllowed = rolesAllowed(method);
            if (isPermitAll(method)) {
                assertThat(security).as("security of public %s", route).isEmpty();
                assertThat(roles).as("roles of public %s", route).isEmpty();
                assertThat(operation.path("responses").has("401"))
                        .as("401 of public %s", route)
                        .isFalse();
            } else if (rolesAllowed != null) {
                assertThat(security)
                        .as("security of %s", route)
                        .contains("{\"bearer\":[]}")
                        .anyMatch(requirement -> requirement.contains("\"session\""));
                if (!route.method().equals("GET")) {
                    assertThat(security)
                            .as("a write with the session cookie needs the CSRF token: %s", route)
                            .contains("{\"session\":[],\"csrf\":[]}");
                }
                assertThat(roles).as("roles of %s", route).containsExactly(rolesAllowed.value());
                assertThat(operation.path("responses").has("401"))
                        .as("401 of %s", route)
                        .isTrue();
                assertThat(operation.path("responses").has("403"))
                        .as("403 of %s", route)
                        .isTrue();
            } else {
                assertThat(isDenyAll(method))
                        .as("access annotation of %s", route)
                        .isTrue();
                assertThat(security).as("security of denied %s", route).isNotEmpty();
            }
        });
    }

    @Test
    void everyOperationHasASuccessAnswerAndAUniqueId() {
        Set<String> operationIds = new TreeSet<>();
        for (Route route : served.keySet()) {
            JsonNode operation = operation(route);
            List<String> statuses = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as("answers of %s", route).anyMatch(status -> status.startsWith("2"));
            assertThat(operationIds.add(operation.path("operationId").asText()))
                    .as("operationId of %s is unique", route)
                    .isTrue();
        }
    }

    @Test
    void describesTheApiItsSecuritySchemesAndProblems() {
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.at("/info/title").asText()).isEqualTo("Followup API");
        assertThat(document.at("/info/version").asText()).isEqualTo(OpenApiDocument.projectVersion());
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("/");

        JsonNode schemes = document.at("/components/securitySchemes");
        assertThat(schemes.at("/session/type").asText()).isEqualTo("apiKey");
        assertThat(schemes.at("/session/in").asText()).isEqualTo("cookie");
        assertThat(schemes.at("/session/name").asText()).isEqualTo("followup_session");
        assertThat(schemes.at("/csrf/in").asText()).isEqualTo("header");
        assertThat(schemes.at("/csrf/name").asText()).isEqualTo("X-CSRF-Token");
        assertThat(schemes.at("/bearer/type").asText()).isEqualTo("http");
        assertThat(schemes.at("/bearer/scheme").asText()).isEqualTo("bearer");

        JsonNode problem = document.at("/components/schemas/Problem/properties");
        assertThat(problem.has("code")).isTrue();
        assertThat(problem.has("errors")).isTrue();
        assertThat(problem.has("rule")).isTrue();
        assertThat(document.at("/components/responses/NotFound/content").has("application/problem+json"))
                .isTrue();
        // Durations, times and instants are ISO-8601 text, never the Java objects' fields.
        document.at("/components/schemas")
                .forEach(schema -> assertThat(schema.path("properties").has("nano"))
                        .as("%s", schema)
                        .isFalse());

        JsonNode getUser = operation(new Route("GET", "/api/users/{id}"));
        assertThat(getUser.at("/responses/404/$ref").asText()).isEqualTo("#/components/responses/NotFound");
        assertThat(getUser.at("/responses/default/$ref").asText()).isEqualTo("#/components/responses/Problem");
        assertThat(getUser.at("/responses/200/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/UserView");

        JsonNode createUser = operation(new Route("POST", "/api/users"));
        assertThat(createUser
                        .at("/responses/201/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/UserView");
        assertThat(createUser.at("/responses/400/$ref").asText()).isEqualTo("#/components/responses/BadRequest");
        assertThat(createUser
                        .at("/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/NewUser");
        // The caller (@Auth) is neither a parameter nor the body.
        assertThat(createUser.path("parameters").isMissingNode()).isTrue();
    }

    @Test
    void servesTheSameDocumentAsYaml() {
        Response yaml = APP.client()
                .target("http://localhost:" + APP.getLocalPort() + "/api/openapi.yaml")
                .request(OpenApiResource.YAML)
                .get();
        assertThat(yaml.getStatus()).isEqualTo(200);
        assertThat(yaml.getMediaType().toString()).startsWith(OpenApiResource.YAML);
        assertThat(yaml.readEntity(String.class)).contains("title: Followup API", "/api/openapi.json:");
    }

    private static Set<Route> documentedRoutes() {
        Set<Route> routes = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> HTTP_METHODS.stream()
                .filter(method -> path.getValue().has(method))
                .forEach(method -> routes.add(new Route(method.toUpperCase(Locale.ROOT), path.getKey()))));
        return routes;
    }

    private static JsonNode operation(Route route) {
        JsonNode operation =
                document.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
        assertThat(operation.isObject())
                .as("operation %s in the document", route)
                .isTrue();
        return operation;
    }

    /** Every route of the running application, with the Java method that answers it. */
    private static Map<Route, Method> servedRoutes() {
        ServletContainer container = (ServletContainer) APP.getEnvironment().getJerseyServletContainer();
        ResourceModel model = container
                .getApplicationHandler()
                .getInjectionManager()
                .getInstance(ExtendedResourceContext.class)
                .getResourceModel();
        Map<Route, Method> routes = new TreeMap<>();
        for (Resource resource : model.getRootResources()) {
            walk(resource, "", routes, 0);
        }
        return routes;
    }

    private static void walk(Resource resource, String parentPath, Map<Route, Method> routes, int depth) {
        assertThat(depth).as("sub-resource locators nest at most 10 deep").isLessThan(10);
        String path = join(parentPath, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            Class<?> handler = method.getInvocable().getHandler().getHandlerClass();
            // Jersey adds its own OPTIONS answers to every resource; they are not part of the API we write.
            if (handler.getName().startsWith("org.glassfish.jersey.")) {
                continue;
            }
            Route route = new Route(method.getHttpMethod(), path);
            Method previous = routes.put(route, method.getInvocable().getDefinitionMethod());
            assertThat(previous).as("one Java method answers %s", route).isNull();
        }
        ResourceMethod locator = resource.getResourceLocator();
        if (locator != null) {
            Resource subResource = Resource.from(locator.getInvocable().getRawResponseType());
            walk(Resource.builder(subResource).path("").build(), path, routes, depth + 1);
        }
        for (Resource child : resource.getChildResources()) {
            walk(child, path, routes, depth);
        }
    }

    /** Joins path templates as JAX-RS does, and drops regular expressions: {@code {id: [0-9]+}} is {@code {id}}. */
    private static String join(String parent, String child) {
        String joined = (parent + "/" + (child == null ? "" : child)).replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined.replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}");
    }

    private static boolean isPermitAll(Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return true;
        }
        return !method.isAnnotationPresent(RolesAllowed.class)
                && !method.isAnnotationPresent(DenyAll.class)
                && method.getDeclaringClass().isAnnotationPresent(PermitAll.class);
    }

    private static RolesAllowed rolesAllowed(Method method) {
        if (method.isAnnotationPresent(RolesAllowed.class)) {
            return method.getAnnotation(RolesAllowed.class);
        }
        if (method.isAnnotationPresent(PermitAll.class) || method.isAnnotationPresent(DenyAll.class)) {
            return null;
        }
        return method.getDeclaringClass().getAnnotation(RolesAllowed.class);
    }

    private static boolean isDenyAll(Method method) {
        return method.isAnnotationPresent(DenyAll.class)
                || method.getDeclaringClass().isAnnotationPresent(DenyAll.class);
    }
}
