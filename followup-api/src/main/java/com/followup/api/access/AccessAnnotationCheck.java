package com.followup.api.access;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Access control fails closed: Dropwizard's auth feature leaves a resource method without
 * {@code @RolesAllowed}, {@code @PermitAll} or {@code @DenyAll} open to anyone, so the server refuses to
 * start while any such method exists.
 */
public final class AccessAnnotationCheck {
    private AccessAnnotationCheck() {}

    /** The resource methods of {@code resourceClasses} that carry no access annotation, as {@code Class#method}. */
    public static List<String> unannotatedMethods(Collection<Class<?>> resourceClasses) {
        List<String> missing = new ArrayList<>();
        for (Class<?> resourceClass : resourceClasses) {
            if (!resourceClass.isAnnotationPresent(Path.class)) {
                continue;
            }
            for (Method method : resourceClass.getMethods()) {
                if (isResourceMethod(method)
                        && !hasAccessAnnotation(method)
                        && !hasClassAccessAnnotation(resourceClass)) {
                    missing.add(resourceClass.getName() + "#" + method.getName());
                }
            }
        }
        return missing;
    }

    /** Throws when a resource method has no access annotation. */
    public static void requireAnnotated(Collection<Class<?>> resourceClasses) {
        List<String> missing = unannotatedMethods(resourceClasses);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Refusing to start: these resource methods have no access annotation"
                    + " (@RolesAllowed, @PermitAll or @DenyAll): " + String.join(", ", missing));
        }
    }

    private static boolean isResourceMethod(Method method) {
        if (method.isAnnotationPresent(Path.class)) {
            return true;
        }
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    /** Jersey ignores {@code @DenyAll} on a class, so only the two annotations it honours there count. */
    private static boolean hasClassAccessAnnotation(Class<?> resourceClass) {
        return resourceClass.isAnnotationPresent(RolesAllowed.class)
                || resourceClass.isAnnotationPresent(PermitAll.class);
    }

    private static boolean hasAccessAnnotation(AnnotatedElement element) {
        return element.isAnnotationPresent(RolesAllowed.class)
                || element.isAnnotationPresent(PermitAll.class)
                || element.isAnnotationPresent(DenyAll.class);
    }
}
