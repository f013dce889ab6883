package com.followup.core.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL database for one test class, on the JVM's single {@link PostgresServer}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresDatabaseExtension DATABASE = PostgresDatabaseExtension.migratedWith("liquibase", Migrations::run);
 * }</pre>
 *
 * <p>With a {@link Preparation}, the first class that asks for it prepares a template database once
 * (migrations, reference data); every class then starts from a cheap copy of that template.
 */
public final class PostgresDatabaseExtension implements BeforeAllCallback, AfterAllCallback {
    /** Work done once per JVM on a template database, such as running the migrations. */
    @FunctionalInterface
    public interface Preparation {
        void prepare(TestDatabase database) throws Exception;
    }

    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

    private final Optional<String> templateKey;
    private final Optional<Preparation> preparation;
    private TestDatabase database;

    private PostgresDatabaseExtension(Optional<String> templateKey, Optional<Preparation> preparation) {
        this.templateKey = templateKey;
        this.preparation = preparation;
    }

    /** An empty database per test class. */
    public static PostgresDatabaseExtension empty() {
        return new PostgresDatabaseExtension(Optional.empty(), Optional.empty());
    }

    /** A database per test class, copied from a template prepared once per JVM under {@code key}. */
    public static PostgresDatabaseExtension migratedWith(String key, Preparation preparation) {
        return new PostgresDatabaseExtension(Optional.of(key), Optional.of(preparation));
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (database == null) {
            database = create(context.getRequiredTestClass().getSimpleName());
        }
    }

    private TestDatabase create(String namePrefix) {
        Optional<String> template = templateKey.map(key -> TEMPLATES.computeIfAbsent(key, this::prepareTemplate));
        return PostgresServer.get().createDatabase(namePrefix, template);
    }

    private String prepareTemplate(String key) {
        TestDatabase template = PostgresServer.get().createDatabase("template_" + key, Optional.empty());
        try {
            preparation.orElseThrow().prepare(template);
        } catch (Exception e) {
            template.drop();
            throw new IllegalStateException("cannot prepare the template database " + key, e);
        }
        return template.name();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (database != null) {
            database.drop();
            database = null;
        }
    }

    /**
     * The class's database. Created on first use when another extension needs it before this one's
     * {@code beforeAll} (Dropwizard's app extension reads the URL through a config override supplier).
     */
    public synchronized TestDatabase database() {
        if (database == null) {
            database = create("test");
        }
        return database;
    }

    public String jdbcUrl() {
        return database().jdbcUrl();
    }

    public Connection connect() throws SQLException {
        return database().connect();
    }
}
