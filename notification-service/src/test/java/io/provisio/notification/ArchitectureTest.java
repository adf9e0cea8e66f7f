package io.provisio.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.provisio.devstack.architecture.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shape every service keeps (ADR 025, devstack's {@link ArchitectureRules}): plain-Java domains free of message
 * contracts, features ({@code email}, {@code setup}, {@code webhook}, {@code profile}) that keep their persistence,
 * no cycles; the channels' consumers in {@code messaging}, above the features they feed. And notification's own:
 * only the e-mail delivery talks SMTP, no domain knows a mail or template library, messaging holds no rules
 * (ADR 020).
 */
@AnalyzeClasses(packages = "io.provisio.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "io.provisio.notification";

    @ArchTest
    static final ArchRule domainIsFreeOfFrameworks = ArchitectureRules.domainIsFreeOfFrameworks();

    @ArchTest
    static final ArchRule domainIsFreeOfMailAndTemplates = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.thymeleaf..");

    @ArchTest
    static final ArchRule domainIsFreeOfContracts = ArchitectureRules.domainIsFreeOfContracts();

    @ArchTest
    static final ArchRule featuresKeepTheirPersistence = ArchitectureRules.featuresKeepTheirPersistence(ROOT,
            "persistence");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ArchitectureRules.featuresAreFreeOfCycles(ROOT);

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = ArchitectureRules.packagesAreFreeOfCycles(ROOT);

    @ArchTest
    static final ArchRule onlyTheDeliveryPackageTalksSmtp = noClasses()
            .that().resideOutsideOfPackages("..email.delivery..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.mail..", "com.icegreen..");

    /** Messaging decodes and delegates (ADR 020): the rules, and the stores they write, are the application's. */
    @ArchTest
    static final ArchRule messagingHoldsNoRules = noClasses()
            .that().resideInAPackage("..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "..domain..", "..profile..",
                    "org.bson..", "com.mongodb..", "org.springframework.data..");

    @ArchTest
    static final ArchRule applicationRefusesWithoutHttp = ArchitectureRules.applicationRefusesWithoutHttp();

    /** Every stored id is a string id, whatever it looks like (never turned into an ObjectId). */
    @ArchTest
    static final ArchRule storedIdsAreStrings = ArchitectureRules.storedIdsAreStrings();
}
