package io.provisio.customer.onboarding.web;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.provisio.customer.onboarding.application.OnboardingService;
import io.provisio.customer.onboarding.application.OnboardingService.OperatorResult;
import io.provisio.customer.onboarding.application.OnboardingSummary;
import io.provisio.customer.onboarding.application.OperatorOnboarding;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.customer.onboarding.domain.StepState;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of onboardings across partners (API.md, Wave 2; scope {@code operator}, which every
 * service's security chain requires under {@code /api/v1/operator/**}): the list by status and age, and the two
 * actions a stuck saga may need. Each action is audited in the {@code io.provisio.audit} log.
 * <ul>
 *   <li>{@code retry}: the waiting step's command, or its compensation, is sent again now;</li>
 *   <li>{@code compensate}: the running step fails with {@code OPERATOR_ABORTED} and everything done is undone,
 *       unless ACTIVATE_CUSTOMER has begun (the point of no return: 409 {@code PAST_POINT_OF_NO_RETURN}).</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/operator/onboardings")
class OperatorOnboardingController {

    private static final Logger audit = LoggerFactory.getLogger("io.provisio.audit");
    private static final int MAX_REASON = 500;

    private final OnboardingService onboardings;

    OperatorOnboardingController(OnboardingService onboardings) {
        this.onboardings = onboardings;
    }

    /** One onboarding for the operator: its partner, the step it waits on, and the resource partners see. */
    record OperatorOnboardingView(String partnerId, Waiting waiting, OnboardingView onboarding) {

        /** The step in flight: RUNNING or COMPENSATING, how often its command went out, when it goes out next. */
        record Waiting(String step, String status, int attempts, Instant nextSendAt) {
        }

        static OperatorOnboardingView of(String partnerId, OnboardingSummary summary) {
            Waiting waiting = summary.steps().stream().filter(StepState::isWaiting).findFirst()
                    .map(s -> new Waiting(s.step().name(), s.status().name(), s.attempts(), s.deadline()))
                    .orElse(null);
            return new OperatorOnboardingView(partnerId, waiting, OnboardingView.of(summary));
        }
    }

    record CompensationRequest(String reason) {
    }

    /**
     * @param status     any of IN_PROGRESS, COMPENSATING, COMPLETED, FAILED, repeated; none: those in flight
     * @param olderThan  unchanged for at least this long (ISO-8601 such as {@code PT10M}, or {@code 10m})
     */
    @GetMapping
    Page<OperatorOnboardingView> list(@RequestParam(required = false) List<OnboardingStatus> status,
                                      @RequestParam(required = false) Duration olderThan,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "20") int size) {
        if (olderThan != null && olderThan.isNegative()) {
            throw ApiProblem.validation(List.of(new FieldError("olderThan", "must not be negative")));
        }
        PageQuery query = PageQuery.of(page, size);
        Set<OnboardingStatus> statuses = status == null || status.isEmpty() ? Set.of() : EnumSet.copyOf(status);
        return onboardings.acrossPartners(statuses, olderThan, query.page(), query.size())
                .map(o -> OperatorOnboardingView.of(o.partnerId(), o.onboarding()));
    }

    @ApiResponse(responseCode = "202", description = "Done: the onboarding as it is now", useReturnTypeSchema = true)
    @PostMapping("/{id}/retry")
    ResponseEntity<OperatorOnboardingView> retry(@PathVariable String id, PartnerId operator, Authentication caller) {
        OperatorResult result = onboardings.retry(id);
        audit.info("Operator client {} of partner {} asked to retry onboarding {}: {}", caller.getName(), operator, id,
                result.outcome());
        return answer(id, result);
    }

    @ApiResponse(responseCode = "202", description = "Done: the onboarding as it is now", useReturnTypeSchema = true)
    @PostMapping("/{id}/compensate")
    ResponseEntity<OperatorOnboardingView> compensate(@PathVariable String id,
                                                      @RequestBody(required = false) CompensationRequest request,
                                                      PartnerId operator, Authentication caller) {
        String given = request == null || request.reason() == null ? "" : request.reason().strip();
        if (given.length() > MAX_REASON) {
            throw ApiProblem.validation(List.of(new FieldError("reason", "must be at most " + MAX_REASON
                    + " characters")));
        }
        String reason = "compensated by an operator (" + caller.getName() + ")" + (given.isEmpty() ? "" : ": " + given);
        OperatorResult result = onboardings.compensate(id, reason);
        audit.info("Operator client {} of partner {} asked to compensate onboarding {} ({}): {}", caller.getName(),
                operator, id, given.isEmpty() ? "no reason given" : given, result.outcome());
        return answer(id, result);
    }

    private ResponseEntity<OperatorOnboardingView> answer(String id, OperatorResult result) {
        return switch (result.outcome()) {
            case DONE -> ResponseEntity.status(HttpStatus.ACCEPTED).body(result.onboarding()
                    .map(o -> OperatorOnboardingView.of(o.partnerId(), OnboardingSummary.of(o))).orElseThrow());
            case UNKNOWN -> throw ApiProblem.notFound("Onboarding", id);
            case FINISHED -> throw new ApiProblem(HttpStatus.CONFLICT, "ONBOARDING_FINISHED", "Onboarding finished",
                    "Onboarding " + id + " is COMPLETED or FAILED: nothing waits, nothing is left to retry or undo");
            case ALREADY_COMPENSATING -> throw new ApiProblem(HttpStatus.CONFLICT, "ALREADY_COMPENSATING",
                    "Already compensating", "Onboarding " + id + " is being compensated; retry sends the waiting "
                    + "compensation again");
            case PAST_POINT_OF_NO_RETURN -> throw new ApiProblem(HttpStatus.CONFLICT, "PAST_POINT_OF_NO_RETURN",
                    "Past the point of no return", "ACTIVATE_CUSTOMER has begun for onboarding " + id
                    + ": it completes and is never undone; retry sends its command again");
        };
    }
}
