package com.followup.api.auth;

import static java.util.Objects.requireNonNull;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;

/**
 * Puts authentication in front of every resource method. In Followup {@code @PermitAll} means public (no
 * login; a caller is still identified when credentials come along), {@code @RolesAllowed} means a login
 * with one of the roles (401 without one, 403 with another role, checked by Jersey's
 * RolesAllowedDynamicFeature), {@code @DenyAll} means nobody. Methods with none of them stop the start.
 */
public final class AccessFeature implements DynamicFeature {
    private final Authentication authentication;

    public AccessFeature(Authentication authentication) {
        this.authentication = requireNonNull(authentication, "authentication is null");
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        context.register(new AuthenticationFilter(authentication, !isPublic(resourceInfo)), Priorities.AUTHENTICATION);
    }

    private static boolean isPublic(ResourceInfo resourceInfo) {
        Method method = resourceInfo.getResourceMethod();
        if (method.isAnnotationPresent(PermitAll.class)) {
            return true;
        }
        if (method.isAnnotationPresent(RolesAllowed.class) || method.isAnnotationPresent(DenyAll.class)) {
            return false;
        }
        return resourceInfo.getResourceClass().isAnnotationPresent(PermitAll.class);
    }
}
