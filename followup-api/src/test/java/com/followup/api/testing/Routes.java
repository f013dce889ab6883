package com.followup.api.testing;

import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/** The routes ("GET /api/interviews/{id}") the application really serves, read from Jersey's resource model. */
public final class Routes {
    private Routes() {}

    public static Set<String> of(ResourceConfig config) {
        Set<String> routes = new TreeSet<>();
        Set<Class<?>> classes = new java.util.HashSet<>(config.getClasses());
        config.getInstances().forEach(instance -> classes.add(instance.getClass()));
        for (Class<?> type : classes) {
            if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                collect(Resource.from(type), "", routes);
            }
        }
        return routes;
    }

    private static void collect(Resource resource, String prefix, Set<String> routes) {
        String path = join(prefix, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            routes.add(method.getHttpMethod() + " " + path);
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, routes);
        }
    }

    private static String join(String prefix, String path) {
        if (path == null || path.isEmpty()) {
            return prefix;
        }
        String joined = (prefix + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
