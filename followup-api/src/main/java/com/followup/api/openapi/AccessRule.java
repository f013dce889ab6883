package com.followup.api.openapi;

import static java.util.Objects.requireNonNull;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Who may call a resource method, read from its access annotations in the order Jersey's
 * RolesAllowedDynamicFeature and our AccessFeature apply them: the method's {@code @DenyAll},
 * {@code @RolesAllowed}, {@code @PermitAll}, then the class's.
 */
record AccessRule(Kind kind, List<String> roles) {
    enum Kind {
        /** {@code @PermitAll}: no login needed. */
        PUBLIC,
        /** {@code @RolesAllowed}: a login with one of {@link #roles}. */
        ROLES,
        /** {@code @DenyAll}: nobody. */
        NOBODY
    }

    AccessRule {
        requireNonNull(kind, "kind is null");
        roles = List.copyOf(requireNonNull(roles, "roles is null"));
    }

    static AccessRule of(Method method) {
        if (method.isAnnotationPresent(DenyAll.class)) {
            return new AccessRule(Kind.NOBODY, List.of());
        }
        if (method.isAnnotationPresent(RolesAllowed.class)) {
            return roles(method.getAnnotation(RolesAllowed.class));
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return new AccessRule(Kind.PUBLIC, List.of());
        }
        Class<?> resourceClass = method.getDeclaringClass();
        if (resourceClass.isAnnotationPresent(DenyAll.class)) {
            return new AccessRule(Kind.NOBODY, List.of());
        }
        if (resourceClass.isAnnotationPresent(RolesAllowed.class)) {
            return roles(resourceClass.getAnnotation(RolesAllowed.class));
        }
        if (resourceClass.isAnnotationPresent(PermitAll.class)) {
            return new AccessRule(Kind.PUBLIC, List.of());
        }
        // AccessAnnotationCheck stops the start before a document is read, so this is a bug in the check.
        throw new IllegalStateException(resourceClass.getName() + "#" + method.getName() + " has no access annotation");
    }

    boolean loginRequired() {
        return kind != Kind.PUBLIC;
    }

    private static AccessRule roles(RolesAllowed annotation) {
        return new AccessRule(Kind.ROLES, List.of(annotation.value()));
    }
}
