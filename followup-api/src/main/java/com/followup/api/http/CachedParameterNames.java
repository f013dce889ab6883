package com.followup.api.http;

import static java.util.Objects.requireNonNull;

import jakarta.validation.ParameterNameProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of a resource method's parameters for Bean Validation, asked once a method (issue 18). Hibernate
 * Validator asks for them on every validated request, to name the parameter in a violation's path even when there is
 * none, and Dropwizard's provider reads them from the method's annotations each time, which the JDK parses anew for
 * every call: 18 % of a cached dashboard's CPU under load. A method's parameters never change, so the names are kept.
 */
public final class CachedParameterNames implements ParameterNameProvider {
    private final ParameterNameProvider names;
    private final Map<Executable, List<String>> known = new ConcurrentHashMap<>();

    public CachedParameterNames(ParameterNameProvider names) {
        this.names = requireNonNull(names, "names is null");
    }

    @Override
    public List<String> getParameterNames(Constructor<?> constructor) {
        return known.computeIfAbsent(constructor, asked -> List.copyOf(names.getParameterNames(constructor)));
    }

    @Override
    public List<String> getParameterNames(Method method) {
        return known.computeIfAbsent(method, asked -> List.copyOf(names.getParameterNames(method)));
    }
}
