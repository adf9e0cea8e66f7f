package io.provisio.customer;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.provisio.devstack.architecture.ArchitectureRules;

/**
 * Packaged by feature: {@code customers} (the customer participant and the customers API) and {@code onboarding}
 * (the saga and its API), each with its own layers ({@code customers} calls its persistence {@code store}); one
 * feature never uses the other's persistence, and no packages form a cycle.
 */
@AnalyzeClasses(packages = "io.provisio.customer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "io.provisio.customer";

    @ArchTest
    static final ArchRule domainIsFreeOfFrameworks = ArchitectureRules.domainIsFreeOfFrameworks();

    /**
     * The saga keeps its own request model (issue 11 item 4): the participants' wire records appear only in the
     * messaging adapter ({@code onboarding.messaging.ParticipantCommands}), so a contract change never changes the
     * stored saga.
     */
    @ArchTest
    static final ArchRule domainIsFreeOfContracts = ArchitectureRules.domainIsFreeOfContracts();

    @ArchTest
    static final ArchRule featuresKeepTheirPersistence = ArchitectureRules.featuresKeepTheirPersistence(ROOT,
            "persistence", "store");

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
