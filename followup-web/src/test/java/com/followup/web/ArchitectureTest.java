package com.followup.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
}
