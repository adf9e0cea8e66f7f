package io.provisio.subscription.catalog.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlanListRulesTest {

    private static final Plan PORTAL = new Plan("CUSTOMER-PORTAL", "Customer portal", "SITE", 1, 1, false, List.of());
    private static final Plan EXCHANGE = new Plan("HOSTED-EXCHANGE", "Hosted Exchange", "USER", 1, 10000, true,
            List.of("CUSTOMER-PORTAL"));
    private static final Plan ARCHIVE = new Plan("ARCHIVE", "Mail archive", "GB", 5, 100, false, List.of());
    private static final Map<String, Plan> CATALOGUE = Map.of(PORTAL.code(), PORTAL, EXCHANGE.code(), EXCHANGE,
            ARCHIVE.code(), ARCHIVE);

    @Test
    void acceptsEmptyPlanList() {
        assertThat(PlanListRules.check(List.of(), CATALOGUE, false)).isEmpty();
    }

    @Test
    void acceptsPaidPlanWithItsRequirementWhenPaidPlansAreAccepted() {
        List<RequestedPlan> plans = List.of(plan("CUSTOMER-PORTAL", 1), plan("HOSTED-EXCHANGE", 25));

        assertThat(PlanListRules.check(plans, CATALOGUE, true)).isEmpty();
    }

    @Test
    void rejectsUnknownPlan() {
        assertThat(PlanListRules.check(List.of(plan("TELEPATHY", 1)), CATALOGUE, true))
                .containsExactly(new Violation("PLAN_NOT_FOUND", "plans[0].planCode", "TELEPATHY is not in the catalogue"));
    }

    @Test
    void rejectsPlanWhoseRequiredPlanIsNotRequested() {
        assertThat(PlanListRules.check(List.of(plan("HOSTED-EXCHANGE", 25)), CATALOGUE, true))
                .containsExactly(new Violation("PLAN_REQUIREMENT_MISSING", "plans[0].planCode",
                        "HOSTED-EXCHANGE requires CUSTOMER-PORTAL, which is not requested"));
    }

    @Test
    void rejectsUnitsBelowMinimum() {
        assertThat(PlanListRules.check(List.of(plan("ARCHIVE", 4)), CATALOGUE, true))
                .extracting(Violation::code).containsExactly("UNITS_OUT_OF_RANGE");
    }

    @Test
    void rejectsUnitsAboveMaximum() {
        assertThat(PlanListRules.check(List.of(plan("ARCHIVE", 101)), CATALOGUE, true))
                .containsExactly(new Violation("UNITS_OUT_OF_RANGE", "plans[0].units", "ARCHIVE: 101 units asked, allowed 5 to 100"));
    }

    @Test
    void acceptsUnitsOnTheBoundsOfTheRange() {
        assertThat(PlanListRules.check(List.of(plan("ARCHIVE", 5)), CATALOGUE, false)).isEmpty();
        assertThat(PlanListRules.check(List.of(plan("ARCHIVE", 100)), CATALOGUE, false)).isEmpty();
    }

    @Test
    void rejectsPaidPlanWhenPaidPlansAreNotAccepted() {
        List<RequestedPlan> plans = List.of(plan("CUSTOMER-PORTAL", 1), plan("HOSTED-EXCHANGE", 25));

        assertThat(PlanListRules.check(plans, CATALOGUE, false))
                .containsExactly(new Violation("PAID_PLANS_NOT_ACCEPTED", "acceptPaidPlans",
                        "HOSTED-EXCHANGE is a paid plan and paid plans were not accepted"));
    }

    @Test
    void rejectsPlanRequestedTwice() {
        assertThat(PlanListRules.check(List.of(plan("ARCHIVE", 5), plan("ARCHIVE", 6)), CATALOGUE, false))
                .extracting(Violation::code).containsExactly("DUPLICATE_PLAN");
    }

    @Test
    void reportsEveryViolationInListOrder() {
        List<RequestedPlan> plans = List.of(plan("HOSTED-EXCHANGE", 0), plan("TELEPATHY", 1), plan("ARCHIVE", 1));

        assertThat(PlanListRules.check(plans, CATALOGUE, false)).extracting(Violation::code).containsExactly(
                "PLAN_REQUIREMENT_MISSING", "UNITS_OUT_OF_RANGE", "PAID_PLANS_NOT_ACCEPTED", "PLAN_NOT_FOUND",
                "UNITS_OUT_OF_RANGE");
    }

    @Test
    void rejectsPlanWithoutCode() {
        assertThat(PlanListRules.check(List.of(plan(null, 1)), CATALOGUE, true))
                .extracting(Violation::code).containsExactly("PLAN_NOT_FOUND");
    }

    @Test
    void namesTheFieldOfEachViolation() {
        List<RequestedPlan> plans = List.of(plan("ARCHIVE", 5), plan("HOSTED-EXCHANGE", 0), plan("TELEPATHY", 1));

        assertThat(PlanListRules.check(plans, CATALOGUE, false)).extracting(Violation::field).containsExactly(
                "plans[1].planCode", "plans[1].units", "acceptPaidPlans", "plans[2].planCode");
    }

    @Test
    void acceptsARequirementTheCustomerAlreadyHolds() {
        assertThat(PlanListRules.check(List.of(plan("HOSTED-EXCHANGE", 5)), CATALOGUE, true,
                java.util.Set.of("CUSTOMER-PORTAL"))).isEmpty();
    }

    private static RequestedPlan plan(String code, int units) {
        return new RequestedPlan(code, units, LocalDate.of(2026, 12, 1));
    }
}
