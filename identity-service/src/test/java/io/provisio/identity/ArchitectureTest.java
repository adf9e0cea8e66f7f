package io.provisio.identity;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain packages stay plain Java: no Spring, no MongoDB, no AMQP, no message contracts. */
@AnalyzeClasses(packages = "io.provisio.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfFrameworks = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                    "org.bson..", "org.springframework.amqp..", "io.provisio.platform..",
                    "io.provisio.identity.contracts..");

    @ArchTest
    static final ArchRule webDoesNotTouchMessaging = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage("..messaging..");

    /** Messaging decodes and delegates (ADR 020): the rules, and the stores they write, are the application's. */
    @ArchTest
    static final ArchRule messagingHoldsNoRules = noClasses()
            .that().resideInAPackage("..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "..domain..", "org.bson..",
                    "com.mongodb..", "org.springframework.data..");
}
