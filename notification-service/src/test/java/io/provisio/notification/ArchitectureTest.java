package io.provisio.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.provisio.notification");

    @Test
    void keepsTheDomainFreeOfFrameworks() {
        noClasses().that().resideInAPackage("..email.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.bson..", "com.mongodb..", "jakarta.mail..", "org.thymeleaf..")
                .check(classes);
    }

    @Test
    void letsOnlyTheDeliveryPackageTalkSmtp() {
        noClasses().that().resideOutsideOfPackages("..email.delivery..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.mail..", "com.icegreen..")
                .check(classes);
    }

    /** Messaging decodes and delegates (ADR 020): the rules, and the stores they write, are the application's. */
    @Test
    void keepsRulesOutOfMessaging() {
        noClasses().that().resideInAPackage("..email.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "..email.domain..",
                        "..profile..", "org.bson..", "com.mongodb..", "org.springframework.data..")
                .check(classes);
    }
}
