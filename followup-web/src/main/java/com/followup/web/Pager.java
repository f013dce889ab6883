package com.followup.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** "Showing 11–20 of 42" with links to the previous and next page; empty links when there is none. */
public record Pager(long from, long to, long total, String previous, String next) {
    public static Pager of(String path, long offset, int size, long total, Map<String, String> query) {
        String kept = query.entrySet().stream()
                .filter(entry -> entry.getValue() != null && !entry.getValue().isBlank())
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8) + "&")
                .sorted()
                .collect(Collectors.joining());
        String previous = offset > 0 ? path + "?" + kept + "offset=" + Math.max(0, offset - size) : "";
        String next = offset + size < total ? path + "?" + kept + "offset=" + (offset + size) : "";
        return new Pager(total == 0 ? 0 : offset + 1, Math.min(total, offset + size), total, previous, next);
    }

    public boolean needed() {
        return !previous.isEmpty() || !next.isEmpty();
    }
}
