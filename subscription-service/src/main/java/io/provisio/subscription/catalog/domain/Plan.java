package io.provisio.subscription.catalog.domain;

import java.util.List;

/**
 * A sellable plan of the catalogue.
 *
 * @param code     stable id, e.g. {@code HOSTED-EXCHANGE}
 * @param unitType what one unit is: USER, DEVICE, GB or SITE
 * @param minUnits fewest units one subscription may hold
 * @param maxUnits most units one subscription may hold
 * @param paid     whether the customer pays for it; assigning it needs the partner's explicit consent
 * @param requires codes of plans that must be assigned in the same request
 */
public record Plan(String code, String name, String unitType, int minUnits, int maxUnits, boolean paid,
                   List<String> requires) {

    public Plan {
        requires = requires == null ? List.of() : List.copyOf(requires);
    }

    public boolean allows(int units) {
        return units >= minUnits && units <= maxUnits;
    }
}
