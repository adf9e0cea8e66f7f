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
}
