package io.provisio.customer.onboarding.application;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The dry run's answer (200). Its schema keeps the name the public OpenAPI document has always given it.
 *
 * @param valid        the real run would pass every check that was made, and every participant answered
 * @param complete     every participant asked answered within the bound; false: {@code participants} names who did not
 * @param problems     everything the real run would hit, each with the service that judged it
 * @param participants who judged the request: ANSWERED, NO_ANSWER (not within the bound) or NOT_ASKED (nothing to judge)
 */
@Schema(name = "DryRunView")
public record DryRunReport(boolean valid, boolean complete, List<Problem> problems, List<Participant> participants) {

    /** @param code VALIDATION_FAILED for a field rule, else the failure code of API.md the real run would end with */
    public record Problem(String field, String code, String message, String source) {
    }

    public record Participant(String service, String status) {
        static final String ANSWERED = "ANSWERED";
        static final String NO_ANSWER = "NO_ANSWER";
        static final String NOT_ASKED = "NOT_ASKED";
    }
}
