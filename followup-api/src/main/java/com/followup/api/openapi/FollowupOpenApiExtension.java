package com.followup.api.openapi;

import com.fasterxml.jackson.annotation.JsonView;
import io.dropwizard.auth.Auth;
import io.swagger.v3.jaxrs2.DefaultParameterExtension;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Teaches swagger-core what our resources mean beyond JAX-RS: {@code @Auth} parameters are the caller, not a
 * request body; the access annotations become security requirements and {@code x-roles}; and the problem
 * responses every such operation can give are named once here instead of on each resource method.
 */
final class FollowupOpenApiExtension extends DefaultParameterExtension {
    static final String ROLES_EXTENSION = "x-roles";

    @Override
    public ResolvedParameter extractParameters(
            List<Annotation> annotations,
            Type type,
            Set<Type> typesToSkip,
            Components components,
            Consumes classConsumes,
            Consumes methodConsumes,
            boolean includeRequestBody,
            JsonView jsonViewAnnotation,
            Iterator<OpenAPIExtension> chain) {
        if (annotations.stream().anyMatch(Auth.class::isInstance)) {
            return new ResolvedParameter();
        }
        return super.extractParameters(
                annotations,
                type,
                typesToSkip,
                components,
                classConsumes,
                methodConsumes,
                includeRequestBody,
                jsonViewAnnotation,
                chain);
    }

    @Override
    public void decorateOperation(Operation operation, Method method, Iterator<OpenAPIExtension> chain) {
        String tag = tagOf(method.getDeclaringClass());
        operation.setTags(List.of(tag));
        // swagger-core names operations after the Java method and numbers clashes (get, get_1, ...); the
        // resource's name in front keeps them stable and readable for generated clients.
        operation.setOperationId(Character.toLowerCase(tag.charAt(0))
                + tag.substring(1)
                + Character.toUpperCase(method.getName().charAt(0))
                + method.getName().substring(1));

        AccessRule access = AccessRule.of(method);
        operation.addExtension(ROLES_EXTENSION, access.roles());
        ApiResponses responses = operation.getResponses();
        responses.values().stream()
                .filter(response -> Reader.DEFAULT_DESCRIPTION.equals(response.getDescription()))
                .forEach(response -> response.setDescription("OK"));
        if (hasInput(operation)) {
            responses.addApiResponse("400", reference(OpenApiDocument.BAD_REQUEST));
        }
        if (access.loginRequired()) {
            operation.setSecurity(isSafe(method) ? READ_SECURITY : WRITE_SECURITY);
            responses.addApiResponse("401", reference(OpenApiDocument.UNAUTHORIZED));
            responses.addApiResponse("403", reference(OpenApiDocument.FORBIDDEN));
            operation.setDescription(joined(operation.getDescription(), describe(access)));
        }
        if (hasPathParameter(operation)) {
            responses.addApiResponse("404", reference(OpenApiDocument.NOT_FOUND));
        }
        responses.addApiResponse(ApiResponses.DEFAULT, reference(OpenApiDocument.OTHER_PROBLEM));
        super.decorateOperation(operation, method, chain);
    }

    /** Reads need the session cookie or a bearer token; writes with the cookie need the CSRF token too. */
    private static final List<SecurityRequirement> READ_SECURITY = List.of(
            new SecurityRequirement().addList(OpenApiDocument.SESSION_SCHEME),
            new SecurityRequirement().addList(OpenApiDocument.BEARER_SCHEME));

    private static final List<SecurityRequirement> WRITE_SECURITY = List.of(
            new SecurityRequirement().addList(OpenApiDocument.SESSION_SCHEME).addList(OpenApiDocument.CSRF_SCHEME),
            new SecurityRequirement().addList(OpenApiDocument.BEARER_SCHEME));

    static String tagOf(Class<?> resourceClass) {
        String name = resourceClass.getSimpleName();
        return name.endsWith("Resource") ? name.substring(0, name.length() - "Resource".length()) : name;
    }

    private static boolean isSafe(Method method) {
        return method.isAnnotationPresent(GET.class)
                || method.isAnnotationPresent(HEAD.class)
                || method.isAnnotationPresent(OPTIONS.class);
    }

    /** Bodies and query or header parameters are validated; a wrong one answers 400. */
    private static boolean hasInput(Operation operation) {
        return operation.getRequestBody() != null
                || parameters(operation).stream()
                        .anyMatch(parameter -> "query".equals(parameter.getIn()) || "header".equals(parameter.getIn()));
    }

    /** A path with an id can name a record that does not exist or is outside the caller's scope: 404. */
    private static boolean hasPathParameter(Operation operation) {
        return parameters(operation).stream().anyMatch(parameter -> "path".equals(parameter.getIn()));
    }

    private static List<Parameter> parameters(Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters();
    }

    private static String describe(AccessRule access) {
        return switch (access.kind()) {
            case PUBLIC -> "";
            case ROLES -> "Roles: " + String.join(", ", access.roles()) + ".";
            case NOBODY -> "Denied to everyone (@DenyAll).";
        };
    }

    private static String joined(String description, String addition) {
        return description == null || description.isBlank() ? addition : description + "\n\n" + addition;
    }

    private static ApiResponse reference(String name) {
        return new ApiResponse().$ref("#/components/responses/" + name);
    }
}
