package com.followup.api.imports;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a CSV file holds: its columns (required ones first), an example row and the natural key that makes reruns safe. */
public enum ImportKind {
    CANDIDATES(
            List.of("name", "email", "zone"),
            List.of("recruiter_email"),
            List.of("Priya Patel", "priya.patel@example.com", "Europe/London", "recruiter@agency.example")),
    COMPANIES(
            List.of("name"),
            List.of("spacing_days", "status_check_limit", "preferred_channel", "does_not_reply"),
            List.of("Northwind Logistics", "10", "2", "EMAIL", "false")),
    CONTACTS(
            List.of("company", "name", "role"),
            List.of("title", "business_email", "business_phone", "linkedin_url"),
            List.of(
                    "Northwind Logistics",
                    "Ivy Interviewer",
                    "HIRING_MANAGER",
                    "Head of data",
                    "ivy@northwind.example",
                    "+44 20 7946 0000",
                    "https://www.linkedin.com/in/ivy-interviewer")),
    INTERVIEWS(
            List.of("candidate_email", "company", "role", "start", "end", "format", "interviewers"),
            List.of("round"),
            List.of(
                    "priya.patel@example.com",
                    "Northwind Logistics",
                    "Data analyst",
                    "2026-03-16T10:00:00+00:00",
                    "2026-03-16T11:00:00+00:00",
                    "VIDEO",
                    "ivy@northwind.example",
                    "1"));

    private final List<String> required;
    private final List<String> optional;
    private final List<String> example;

    ImportKind(List<String> required, List<String> optional, List<String> example) {
        this.required = List.copyOf(required);
        this.optional = List.copyOf(optional);
        this.example = List.copyOf(example);
    }

    public List<String> required() {
        return required;
    }

    public List<String> optional() {
        return optional;
    }

    public List<String> columns() {
        return java.util.stream.Stream.concat(required.stream(), optional.stream())
                .toList();
    }

    public List<String> example() {
        return example;
    }

    /** The kind in a path ("candidates"). */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportKind> ofSlug(String slug) {
        for (ImportKind kind : values()) {
            if (kind.slug().equals(slug)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
