package io.provisio.customer.onboarding.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.provisio.customer.contracts.DryRunFinding;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.contracts.SupportContact;
import io.provisio.identity.contracts.ValidateAdministrator;
import io.provisio.platform.web.FieldError;
import io.provisio.subscription.contracts.PlanRequest;
import io.provisio.subscription.contracts.SubscriptionChannels;
import io.provisio.subscription.contracts.ValidatePlans;
import org.springframework.stereotype.Service;

/**
 * {@code POST /api/v1/onboardings?dryRun=true}: every problem the real run would hit, in one answer,
 * with nothing written anywhere. customer-service judges the fields, the account name, the domains and the parent;
 * identity and subscription judge what only they know, asked over RabbitMQ within a bound.
 */
@Service
public class DryRuns {

    static final String CUSTOMER = "customer-service";
    static final String IDENTITY = "identity-service";
    static final String SUBSCRIPTION = "subscription-service";

    /**
     * What a request, valid or not, asks for, as far as the checks need it; any part may be missing.
     *
     * @param customer      {@code null} when the request names no customer
     * @param administrator {@code null} when it names none (its password is judged by the field rules, never sent)
     * @param contacts      may hold {@code null} entries (skipped)
     * @param plans         may hold {@code null} entries (judged as empty plans, so findings keep the partner's indexes)
     */
    public record Request(Customer customer, OnboardingRequest.Administrator administrator,
                          List<OnboardingRequest.Contact> contacts, List<OnboardingRequest.Plan> plans,
                          boolean acceptPaidPlans) {

        /** @param domains {@code null} when none were given */
        public record Customer(String accountName, List<String> domains, String parentCustomerId) {
        }
    }

    private final OnboardingRepository onboardings;
    private final OnboardingService service;
    private final ParticipantChecks participants;
    private final OnboardingProperties properties;
    private final DomainClaims domains;

    DryRuns(OnboardingRepository onboardings, OnboardingService service, ParticipantChecks participants,
            OnboardingProperties properties, DomainClaims domains) {
        this.domains = domains;
        this.onboardings = onboardings;
        this.service = service;
        this.participants = participants;
        this.properties = properties;
    }

    /** @param fieldErrors what the field rules already found in the request (reported as VALIDATION_FAILED) */
    public DryRunReport check(String partnerId, Request request, List<FieldError> fieldErrors, String traceparent) {
        List<DryRunReport.Problem> problems = new ArrayList<>();
        fieldErrors.forEach(e -> problems.add(
                new DryRunReport.Problem(e.field(), "VALIDATION_FAILED", e.message(), CUSTOMER)));
        Request.Customer customer = request.customer();
        if (customer != null) {
            boolean named = customer.accountName() != null && !customer.accountName().isBlank();
            // One read for the sub-domain and the domains.
            List<String> claimed = domains.claimed(named ? domains.claimsOf(customer.accountName(), customer.domains())
                    : customer.domains());
            if (customer.accountName() != null && onboardings.accountNameInUse(partnerId, customer.accountName())) {
                problems.add(new DryRunReport.Problem("customer.accountName", "ACCOUNT_NAME_TAKEN",
                        "is already in use", CUSTOMER));
            } else if (named && claimed.contains(domains.subdomainOf(customer.accountName()))) {
                problems.add(new DryRunReport.Problem("customer.accountName", "SUBDOMAIN_TAKEN",
                        StartRefusal.SUBDOMAIN_RULE, CUSTOMER));
            }
            if (customer.domains() != null) {
                StartRefusal.domainErrors(customer.domains(), claimed).forEach(e ->
                        problems.add(new DryRunReport.Problem(e.field(), "DOMAIN_TAKEN", e.message(), CUSTOMER)));
            }
            if (customer.parentCustomerId() != null && !service.mayBeParent(partnerId, customer.parentCustomerId())) {
                problems.add(new DryRunReport.Problem("customer.parentCustomerId", "PARENT_NOT_FOUND",
                        StartRefusal.PARENT_RULE, CUSTOMER));
            }
        }

        Map<String, ParticipantChecks.Question> questions = new LinkedHashMap<>();
        if (request.administrator() != null) {
            questions.put(IDENTITY, new ParticipantChecks.Question(IdentityChannels.COMMANDS,
                    new ValidateAdministrator(customer == null || customer.domains() == null ? List.of()
                            : customer.domains(), administrator(request.administrator()), contacts(request),
                            customer == null ? null : customer.accountName())));
        }
        if (request.plans() != null && !request.plans().isEmpty()) {
            questions.put(SUBSCRIPTION, new ParticipantChecks.Question(SubscriptionChannels.COMMANDS,
                    new ValidatePlans(plans(request), request.acceptPaidPlans())));
        }
        List<DryRunReport.Participant> asked = new ArrayList<>();
        asked.add(new DryRunReport.Participant(CUSTOMER, DryRunReport.Participant.ANSWERED));
        for (ParticipantChecks.Verdict verdict : participants.ask(partnerId, traceparent, questions,
                properties.dryRunTimeout())) {
            asked.add(new DryRunReport.Participant(verdict.service(),
                    verdict.answered() ? DryRunReport.Participant.ANSWERED : DryRunReport.Participant.NO_ANSWER));
            for (DryRunFinding finding : verdict.findings()) {
                problems.add(new DryRunReport.Problem(finding.field(), finding.code(), finding.message(),
                        verdict.service()));
            }
        }
        for (String participant : List.of(IDENTITY, SUBSCRIPTION)) {
            if (!questions.containsKey(participant)) {
                asked.add(new DryRunReport.Participant(participant, DryRunReport.Participant.NOT_ASKED));
            }
        }
        List<DryRunReport.Problem> distinct = List.copyOf(new LinkedHashSet<>(problems));
        boolean complete = asked.stream().noneMatch(p -> DryRunReport.Participant.NO_ANSWER.equals(p.status()));
        return new DryRunReport(distinct.isEmpty() && complete, complete, distinct, asked);
    }

    /** The administrator as identity gets it: never a password or its hash. */
    private static Administrator administrator(OnboardingRequest.Administrator a) {
        return new Administrator(a.username(), a.firstName(), a.lastName(), a.displayName(), a.email(), null,
                a.phone(), a.jobTitle(), a.department());
    }

    private static List<SupportContact> contacts(Request request) {
        return request.contacts() == null ? List.of() : request.contacts().stream().filter(Objects::nonNull)
                .map(c -> new SupportContact(c.kind(), c.name(), c.email(), c.phone())).toList();
    }

    private static List<PlanRequest> plans(Request request) {
        return request.plans().stream().map(p -> p == null ? new PlanRequest(null, 0, null)
                : new PlanRequest(p.planCode(), p.units(), p.startDate())).toList();
    }
}
