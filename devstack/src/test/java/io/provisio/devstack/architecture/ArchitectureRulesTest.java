package io.provisio.devstack.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rule holds for a well-shaped fixture and fails on a violation of it, naming the violation. */
class ArchitectureRulesTest {

    private static final String CLEAN = "io.provisio.devstack.architecture.fixture.clean";
    private static final String BROKEN = "io.provisio.devstack.architecture.fixture.broken";

    private final JavaClasses clean = new ClassFileImporter().importPackages(CLEAN);
    private final JavaClasses broken = new ClassFileImporter().importPackages(BROKEN);

    @Test
    void domainIsFreeOfFrameworks() {
        holdsForTheCleanFixture(ArchitectureRules.domainIsFreeOfFrameworks());
        failsOnTheBrokenFixture(ArchitectureRules.domainIsFreeOfFrameworks(), "BsonOrder", "org.bson.Document");
    }

    @Test
    void domainIsFreeOfContracts() {
        holdsForTheCleanFixture(ArchitectureRules.domainIsFreeOfContracts());
        failsOnTheBrokenFixture(ArchitectureRules.domainIsFreeOfContracts(), "WireOrder", "OrderPlaced");
    }

    @Test
    void featuresKeepTheirPersistence() {
        holdsForTheCleanFixture(ArchitectureRules.featuresKeepTheirPersistence(CLEAN, "persistence"));
        failsOnTheBrokenFixture(ArchitectureRules.featuresKeepTheirPersistence(BROKEN, "persistence"),
                "ShopController", "ItemStore");
    }

    @Test
    void featuresKeepTheirPersistenceWhateverItIsCalled() {
        assertThatCode(() -> ArchitectureRules.featuresKeepTheirPersistence(BROKEN, "store").check(broken))
                .doesNotThrowAnyException();
        failsOnTheBrokenFixture(ArchitectureRules.featuresKeepTheirPersistence(BROKEN, "store", "persistence"),
                "ShopController", "ItemStore");
    }

    @Test
    void featuresAreFreeOfCycles() {
        holdsForTheCleanFixture(ArchitectureRules.featuresAreFreeOfCycles(CLEAN));
        failsOnTheBrokenFixture(ArchitectureRules.featuresAreFreeOfCycles(BROKEN), "feature shop", "feature stock");
    }

    @Test
    void packagesAreFreeOfCycles() {
        holdsForTheCleanFixture(ArchitectureRules.packagesAreFreeOfCycles(CLEAN));
        failsOnTheBrokenFixture(ArchitectureRules.packagesAreFreeOfCycles(BROKEN), "package stock.application",
                "package stock.persistence");
    }

    @Test
    void storedIdsAreStrings() {
        holdsForTheCleanFixture(ArchitectureRules.storedIdsAreStrings());
        failsOnTheBrokenFixture(ArchitectureRules.storedIdsAreStrings(), "ItemDocument.id",
                "ReservationDocument.reservation");
    }

    private void holdsForTheCleanFixture(ArchRule rule) {
        assertThatCode(() -> rule.check(clean)).doesNotThrowAnyException();
    }

    private void failsOnTheBrokenFixture(ArchRule rule, String... named) {
        assertThatThrownBy(() -> rule.check(broken)).isInstanceOf(AssertionError.class).hasMessageContainingAll(named);
    }
}
