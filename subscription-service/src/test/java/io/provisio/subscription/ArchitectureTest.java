package io.provisio.subscription;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.provisio.devstack.architecture.ArchitectureRules;

/**
 * Packaged by feature (README, "Packages"): {@code catalog}, {@code inventory}, {@code customer},
 * {@code subscriptions}, {@code user} and {@code assignment}, each with its own layers; one feature uses another
 * through its {@code application} services and {@code domain} types, never its persistence, and the features depend
 * on each other in one direction only.
 */
@AnalyzeClasses(packages = "io.provisio.subscription", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "io.provisio.subscription";

    @ArchTest
    static final ArchRule domainIsFreeOfFrameworks = ArchitectureRules.domainIsFreeOfFrameworks();

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
    static final ArchRule applicationRefusesWithoutHttp = ArchitectureRules.applicationRefusesWithoutHttp();

    /** Every stored id is a string id, whatever it looks like (never turned into an ObjectId). */
    @ArchTest
    static final ArchRule storedIdsAreStrings = ArchitectureRules.storedIdsAreStrings();
}
