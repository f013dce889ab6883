package com.followup.web;

import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A form as the user last sent it: the typed values, and what is wrong next to each field. A form that fails
 * validation is shown again from this, so nothing typed is lost.
 */
public record FormState(String id, Map<String, String> values, Map<String, String> errors, String message) {
    public FormState {
        values = Map.copyOf(values);
        errors = Map.copyOf(errors);
        message = message == null ? "" : message;
    }

    public static FormState empty(String id) {
        return new FormState(id, Map.of(), Map.of(), "");
    }

    public static FormState of(String id, Map<String, String> values) {
        return new FormState(id, values, Map.of(), "");
    }

    public static FormState typed(String id, MultivaluedMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, list) -> {
            if (!name.equals("_csrf") && !list.isEmpty() && list.get(0) != null) {
                values.put(name, list.get(0));
            }
        });
        return new FormState(id, values, Map.of(), "");
    }

    /** The same form without the password: a password is never sent back to the browser. */
    public FormState withoutPassword() {
        Map<String, String> kept = new LinkedHashMap<>(values);
        kept.remove("password");
        return new FormState(id, kept, errors, message);
    }

    /** The same form without any of its password fields, nor a link's token. */
    public FormState withoutPasswords() {
        Map<String, String> kept = new LinkedHashMap<>(values);
        kept.keySet()
                .removeIf(name -> name.toLowerCase(java.util.Locale.ROOT).contains("password") || name.equals("token"));
        return new FormState(id, kept, errors, message);
    }

    public boolean hasErrors() {
        return !errors.isEmpty() || !message.isEmpty();
    }

    public FormState withErrors(Map<String, String> fieldErrors, String summary) {
        Map<String, String> all = new LinkedHashMap<>(errors);
        all.putAll(fieldErrors);
        return new FormState(id, values, all, summary);
    }

    public FormState withMessage(String summary) {
        return new FormState(id, values, errors, summary);
    }

    /** The field errors of a problem from the API's shared logic, with the fields renamed to the form's. */
    public FormState withProblem(ProblemException problem, Map<String, String> fieldNames) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        Problem body = problem.problem();
        if (body.errors() != null) {
            for (Problem.FieldError error : body.errors()) {
                String field = fieldNames.getOrDefault(error.field(), error.field());
                String text = error.message() + (error.rule() == null ? "" : " (" + error.rule() + ")");
                fieldErrors.merge(field, text, (first, second) -> first + "; " + second);
            }
        }
        String summary = body.detail() == null ? body.title() : body.detail();
        if (body.rule() != null) {
            summary = body.rule() + ": " + summary;
        }
        return withErrors(fieldErrors, summary);
    }

    public <T> FormState withViolations(Set<ConstraintViolation<T>> violations) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        for (ConstraintViolation<T> violation : violations) {
            fieldErrors.merge(
                    violation.getPropertyPath().toString(),
                    violation.getMessage(),
                    (first, second) -> first + "; " + second);
        }
        return withErrors(fieldErrors, "Please correct the fields marked below.");
    }
}
