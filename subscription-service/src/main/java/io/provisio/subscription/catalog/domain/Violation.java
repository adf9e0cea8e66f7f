package io.provisio.subscription.catalog.domain;

/**
 * Why a plan list cannot be assigned: a stable machine code, the request field it concerns (as
 * API.md writes it, e.g. {@code plans[1].units}) and a message naming the plan.
 */
public record Violation(String code, String field, String message) {

    public static final String PLAN_NOT_FOUND = "PLAN_NOT_FOUND";
    public static final String PLAN_REQUIREMENT_MISSING = "PLAN_REQUIREMENT_MISSING";
    public static final String UNITS_OUT_OF_RANGE = "UNITS_OUT_OF_RANGE";
    public static final String PAID_PLANS_NOT_ACCEPTED = "PAID_PLANS_NOT_ACCEPTED";
    /** Each plan is allocated once per saga (its allocation id is saga + plan code). */
    public static final String DUPLICATE_PLAN = "DUPLICATE_PLAN";
    public static final String INSUFFICIENT_LICENSES = "INSUFFICIENT_LICENSES";

    public static String planCodeField(int index) {
        return "plans[" + index + "].planCode";
    }

    public static String unitsField(int index) {
        return "plans[" + index + "].units";
    }

    /** The message INSUFFICIENT_LICENSES carries wherever it is reported: plan, units asked, units available. */
    public static Violation insufficient(int index, String planCode, int asked, int available) {
        return new Violation(INSUFFICIENT_LICENSES, unitsField(index),
                planCode + ": " + asked + " units asked, " + available + " available");
    }
}
