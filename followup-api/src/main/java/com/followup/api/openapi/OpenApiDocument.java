package com.followup.api.openapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.followup.api.problem.Problem;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtensions;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.ResourceModel;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAPI document of the API. It is read by swagger-core from the resource classes behind the routes
 * Jersey actually serves, once Jersey has built its resource model, so a resource that is registered is
 * documented and one that is not is not. Rendered once, by the first request for it: reading it takes swagger-core
 * about a second of CPU, which neither the server's start-up nor its first users wait for (read on a thread of its
 * own at start, it took half a second of CPU from the first dashboard after a start on two cores: issue 18). Requests
 * that come while it is read wait for it; an error reading it is logged and answers every request for it with a 500.
 */
public final class OpenApiDocument implements ApplicationEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiDocument.class);

    static final String SESSION_SCHEME = "session";
    static final String CSRF_SCHEME = "csrf";
    static final String BEARER_SCHEME = "bearer";

    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String NOT_FOUND = "NotFound";
    static final String OTHER_PROBLEM = "Problem";

    private static final String VERSION_RESOURCE = "/com/followup/api/version.properties";

    static {
        // swagger-core keeps its extensions and model converters in process-wide registries: set them once.
        OpenAPIExtensions.setExtensions(List.of(new FollowupOpenApiExtension()));
        ModelConverters.getInstance().addConverter(new JavaTimeConverter());
        ModelConverters.getInstance().addConverter(new OptionalIsNullable());
    }

    /** The document as served. */
    public record Rendered(String json, String yaml) {
        public Rendered {
            requireNonNull(json, "json is null");
            requireNonNull(yaml, "yaml is null");
        }
    }

    private final JerseyEnvironment jersey;
    private final String version;
    /** Completed, with the document or its failure, by the first request (under this object's lock). */
    private final CompletableFuture<Rendered> rendered = new CompletableFuture<>();
    /** What Jersey serves, known once its model is built (null before). */
    private volatile Set<Class<?>> resourceClasses;

    private volatile String serverUrl;

    public OpenApiDocument(JerseyEnvironment jersey, String version) {
        this.jersey = requireNonNull(jersey, "jersey is null");
        this.version = requireNonNull(version, "version is null");
    }

    /**
     * The document: read by the first caller, waited for by those that come while it is read. Jersey has built its
     * model before any request is served.
     */
    public Rendered rendered() {
        if (!rendered.isDone()) {
            synchronized (this) {
                if (!rendered.isDone()) {
                    Set<Class<?>> classes = resourceClasses;
                    if (classes == null) {
                        throw new IllegalStateException("the OpenAPI document is asked for before Jersey has started");
                    }
                    readInto(classes, serverUrl);
                }
            }
        }
        try {
            return rendered.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the OpenAPI document could not be read", e.getCause());
        }
    }

    @Override
    public void onEvent(ApplicationEvent event) {
        if (event.getType() == ApplicationEvent.Type.INITIALIZATION_FINISHED) {
            serverUrl = serverUrl();
            resourceClasses = resourceClassesOf(event.getResourceModel());
        }
    }

    private void readInto(Set<Class<?>> resourceClasses, String serverUrl) {
        long start = System.nanoTime();
        try {
            OpenAPI document = read(resourceClasses, version, serverUrl);
            rendered.complete(render(document));
            LOG.info(
                    "OpenAPI document of {} paths read in {} ms, for its first request",
                    document.getPaths().size(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | Error e) {
            LOG.error("The OpenAPI document could not be read; /api/openapi.json answers 500", e);
            rendered.completeExceptionally(e);
        }
    }

    @Override
    public RequestEventListener onRequest(RequestEvent requestEvent) {
        return null;
    }

    /** Reads the document of {@code resourceClasses}; synchronised because swagger-core's registries are shared. */
    public static synchronized OpenAPI read(Collection<Class<?>> resourceClasses, String version, String serverUrl) {
        OpenAPI base = new OpenAPI()
                .info(new Info()
                        .title("Followup API")
                        .version(version)
                        .description("Interview follow-up compliance for recruiting agencies. Conventions, roles"
                                + " and error codes: docs/api.md."))
                .servers(List.of(new Server().url(serverUrl)));
        SwaggerConfiguration configuration = new SwaggerConfiguration()
                .openAPI(base)
                .readAllResources(true)
                // A method's return type is its 200 answer; other answers are named where they differ.
                .defaultResponseCode("200");
        Set<Class<?>> ordered = new LinkedHashSet<>(resourceClasses);
        OpenAPI document = new Reader(configuration).read(ordered);
        sortPaths(document);
        addComponents(document);
        return document;
    }

    /** The classes of the resource methods in Jersey's model, sub-resources included. */
    public static Set<Class<?>> resourceClassesOf(ResourceModel model) {
        Set<Class<?>> classes = new TreeSet<>(Comparator.comparing(Class::getName));
        model.getRootResources().forEach(resource -> collect(resource, classes));
        return classes;
    }

    private static void collect(Resource resource, Set<Class<?>> classes) {
        for (ResourceMethod method : resource.getAllMethods()) {
            Class<?> handler = method.getInvocable().getHandler().getHandlerClass();
            // Jersey's own handlers (OPTIONS answers, for one) have no @Path and nothing to document.
            if (handler.isAnnotationPresent(Path.class)) {
                classes.add(handler);
            }
        }
        resource.getChildResources().forEach(child -> collect(child, classes));
    }

    /** The project version, written into the jar by the build. */
    public static String projectVersion() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(VERSION_RESOURCE + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return requireNonNull(properties.getProperty("version"), "version is missing in " + VERSION_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relative, so the document is right behind any host name or proxy: the context path and Jersey's root. */
    private String serverUrl() {
        String contextPath = stripTrailingSlash(jersey.getResourceConfig().getContextPath());
        String root = stripTrailingSlash(jersey.getUrlPattern().replaceFirst("/\\*$", ""));
        String url = contextPath + root;
        return url.isEmpty() ? "/" : url;
    }

    private static String stripTrailingSlash(String path) {
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static void sortPaths(OpenAPI document) {
        Paths sorted = new Paths();
        if (document.getPaths() != null) {
            new TreeMap<>(document.getPaths()).forEach(sorted::addPathItem);
        }
        document.setPaths(sorted);
    }

    private static void addComponents(OpenAPI document) {
        Components components = document.getComponents() == null ? new Components() : document.getComponents();
        Map<String, Schema> schemas =
                new TreeMap<>(components.getSchemas() == null ? Map.of() : components.getSchemas());
        schemas.putAll(ModelConverters.getInstance().readAll(Problem.class));
        components.setSchemas(schemas);

        components.addResponses(
                BAD_REQUEST,
                problem("The request is not valid: VALIDATION_FAILED or MALFORMED_REQUEST with the wrong fields in"
                        + " errors[], or a code of the endpoint (see docs/api.md)."));
        components.addResponses(
                UNAUTHORIZED,
                problem("NOT_AUTHENTICATED: no session or API token, or an unknown, expired or revoked one."));
        components.addResponses(
                FORBIDDEN,
                problem("FORBIDDEN: the caller's role may not do this; CSRF_TOKEN_MISSING: a write with the session"
                        + " cookie lacks the X-CSRF-Token header."));
        components.addResponses(
                NOT_FOUND,
                problem("NOT_FOUND: the record does not exist, or it is outside the caller's scope (the two are"
                        + " not told apart)."));
        components.addResponses(
                OTHER_PROBLEM,
                problem("Any other error, as problem details with a stable code: for example 409 STALE_VERSION,"
                        + " 422 IDEMPOTENCY_KEY_REUSED, 429 TOO_MANY_LOGINS, 500 INTERNAL_ERROR."));

        components.addSecuritySchemes(
                SESSION_SCHEME,
                new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE)
                        .name("followup_session")
                        .description("The session cookie set by POST /api/session (HttpOnly, SameSite=Lax). A write"
                                + " (POST, PUT, DELETE) with it must also send the session's CSRF token."));
        components.addSecuritySchemes(
                CSRF_SCHEME,
                new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-CSRF-Token")
                        .description("The csrfToken of the login answer (also in GET /api/session); required on"
                                + " writes made with the session cookie, never with a bearer token."));
        components.addSecuritySchemes(
                BEARER_SCHEME,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API token issued by an admin (POST /api/users/{id}/tokens): 'Authorization:"
                                + " Bearer <token>'. No CSRF token needed."));
        document.setComponents(components);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                Problem.MEDIA_TYPE,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }

    private static Rendered render(OpenAPI document) {
        try {
            return new Rendered(
                    Json.pretty().writeValueAsString(document), Yaml.pretty().writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document cannot be written", e);
        }
    }
}
