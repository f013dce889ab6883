package com.followup.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checks the core's stored records make in their constructors, read from followup-core's model sources (decision
 * 0021). The core states each check as a {@code public static Optional<String>} function of its record, and a compact
 * constructor throws only what such a function answers ({@code throw new IllegalArgumentException(problem)}). Reading
 * the source is crude but simple and honest: a new check can only be written in one of two ways, and both are found
 * here, the second as a failure.
 */
public final class CoreChecks {
    private static final Pattern CHECK = Pattern.compile("public static Optional<String> (\\w+)\\(");
    private static final Pattern THROW = Pattern.compile("throw new \\w+\\(([^;]*)\\);");

    private CoreChecks() {}

    /**
     * Every check, as {@code Record.function}. Fails when a compact constructor throws anything but a check's answer:
     * that check has no name yet, so no test can have a row for it.
     */
    public static Set<String> names() {
        Path model = modelSources();
        Set<String> checks = new TreeSet<>();
        List<String> unnamed = new ArrayList<>();
        try (Stream<Path> files = Files.list(model)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                String type = file.getFileName().toString().replace(".java", "");
                Matcher matcher = CHECK.matcher(source);
                while (matcher.find()) {
                    checks.add(type + "." + matcher.group(1));
                }
                Matcher thrown = THROW.matcher(compactConstructor(source, type));
                while (thrown.find()) {
                    if (!thrown.group(1).equals("problem")) {
                        unnamed.add(type + ": throw new ...(" + thrown.group(1) + ")");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!unnamed.isEmpty()) {
            throw new AssertionError("constructor checks not stated as a public static Optional<String> function of"
                    + " their record (state the rule as one, then give it a row): " + unnamed);
        }
        if (checks.size() < 20) {
            throw new AssertionError("only " + checks + " found in " + model.toAbsolutePath());
        }
        return checks;
    }

    /** followup-core's model package, from the module directory a test runs in. */
    private static Path modelSources() {
        return Path.of("..", "followup-core", "src", "main", "java", "com", "followup", "core", "model");
    }

    /** The body of {@code type}'s compact constructor ({@code public Type {...}}), or nothing when it has none. */
    private static String compactConstructor(String source, String type) {
        int start = source.indexOf("    public " + type + " {");
        if (start < 0) {
            return "";
        }
        int depth = 0;
        for (int index = source.indexOf('{', start); index < source.length(); index++) {
            char c = source.charAt(index);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return source.substring(start, index + 1);
            }
        }
        throw new AssertionError("unbalanced braces in " + type);
    }
}
