package com.followup.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering that the modules' boundaries alone do not enforce, checked on the compiled classes of every module
 * (ArchUnit): packages without cycles, so each can be read, and changed, from the bottom up.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importTheProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // In a reactor build the other modules come as jars; their test-jars hold test support only.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("com.followup");
    }

    @Test
    void theCoresPackagesHaveNoCycles() {
        // rules -> policy -> notes -> ruleset: RuleId lives below all three.
        slices().matching("com.followup.core.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * The API's packages have no cycles either. The root package {@code com.followup.api} is left out on purpose (the
     * pattern's slices are its subpackages): it is the composition root, where {@code FollowupApplication} builds every
     * part and hands them on in {@code Services}, and it holds the configuration ({@code FollowupConfiguration} and its
     * parts) and {@code OperatorException} that the packages read; so it depends on every package and many depend on
     * it, by design. Below it, each package can be read from the bottom up: resources in {@code domain} over the
     * services, the services over {@code access}, {@code audit}, {@code auth} and {@code problem}.
     */
    @Test
    void theApisPackagesHaveNoCycles() {
        slices().matching("com.followup.api.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCoreKnowsNothingOfTheServer() {
        noClasses()
                .that()
                .resideInAPackage("com.followup.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.followup.api..", "com.followup.reports..", "com.followup.web..")
                .check(classes);
    }

    /** Resources (API) and pages (portal) are thin adapters over the application services: no JDBI, so no SQL. */
    @Test
    void resourcesAndPagesHoldNoSql() {
        noClasses()
                .that()
                .areAnnotatedWith(Path.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.jdbi..", "java.sql..")
                .check(classes);
    }

    /**
     * The portal is a door like the API's resources: its pages, forms and filters call the application services, never
     * the database (no JDBI, no JDBC) and never a JAX-RS resource of the API as if it were a service (reading a
     * {@code Response} back, a second set of objects with second caches).
     */
    @Test
    void thePortalCallsOnlyTheApplicationServices() {
        noClasses()
                .that()
                .resideInAPackage("com.followup.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.jdbi..", "java.sql..")
                .orShould()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are resources of the API (annotated with @Path in com.followup.api..)",
                        type -> (type.getPackageName() + ".").startsWith("com.followup.api.")
                                && type.isAnnotatedWith(Path.class)))
                .check(classes);
    }
}
