package io.provisio.customer.onboarding.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.provisio.customer.contracts.DryRunFinding;
import io.provisio.customer.onboarding.application.DomainClaims;
import io.provisio.customer.onboarding.application.OnboardingProperties;
import io.provisio.customer.onboarding.application.OnboardingRepository;
import io.provisio.customer.onboarding.application.OnboardingService;
import io.provisio.customer.onboarding.application.ParticipantChecks;
import io.provisio.customer.onboarding.application.StartRefusal;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.contracts.SupportContact;
import io.provisio.identity.contracts.ValidateAdministrator;
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
class DryRunService {

    static final String CUSTOMER = "customer-service";
    static final String IDENTITY = "identity-service";
    static final String SUBSCRIPTION = "subscription-service";

    private final OnboardingValidator validator;
    private final OnboardingRepository onboardings;
    private final OnboardingService service;
    private final ParticipantChecks participants;
    private final OnboardingProperties properties;
    private final DomainClaims domains;

    DryRunService(OnboardingValidator validator, OnboardingRepository onboardings, OnboardingService service,
                  ParticipantChecks participants, OnboardingProperties properties, DomainClaims domains) {
        this.validator = validator;
        this.domains = domains;
        this.onboardings = onboardings;
        this.service = service;
        this.participants = participants;
        this.properties = properties;
    }

    DryRunView check(String partnerId, OnboardingRequestBody body, String traceparent) {
        List<DryRunView.Problem> problems = new ArrayList<>();
        validator.problems(body).forEach(e -> problems.add(
                new DryRunView.Problem(e.field(), "VALIDATION_FAILED", e.message(), CUSTOMER)));
        OnboardingRequestBody.Customer customer = body.customer();
        if (customer != null) {
            boolean named = customer.accountName() != null && !customer.accountName().isBlank();
            // One read for the sub-domain and the domains.
            List<String> claimed = domains.claimed(named ? domains.claimsOf(customer.accountName(), customer.domains())
                    : customer.domains());
            if (customer.accountName() != null && onboardings.accountNameInUse(partnerId, customer.accountName())) {
                problems.add(new DryRunView.Problem("customer.accountName", "ACCOUNT_NAME_TAKEN", "is already in use",
                        CUSTOMER));
            } else if (named && claimed.contains(domains.subdomainOf(customer.accountName()))) {
                problems.add(new DryRunView.Problem("customer.accountName", "SUBDOMAIN_TAKEN",
                        StartRefusal.SUBDOMAIN_RULE, CUSTOMER));
            }
            if (customer.domains() != null) {
                StartRefusal.domainErrors(customer.domains(), claimed).forEach(e ->
                        problems.add(new DryRunView.Problem(e.field(), "DOMAIN_TAKEN", e.message(), CUSTOMER)));
            }
        }
        if (customer != null && customer.parentCustomerId() != null) {
            if (!service.mayBeParent(partnerId, customer.parentCustomerId())) {
                problems.add(new DryRunView.Problem("customer.parentCustomerId", "PARENT_NOT_FOUND",
                        StartRefusal.PARENT_RULE, CUSTOMER));
            }
        }

        Map<String, ParticipantChecks.Question> questions = new LinkedHashMap<>();
        if (body.administrator() != null) {
            questions.put(IDENTITY, new ParticipantChecks.Question(IdentityChannels.COMMANDS,
                    new ValidateAdministrator(customer == null || customer.domains() == null ? List.of()
                            : customer.domains(), administrator(body.administrator()), contacts(body),
                            customer == null ? null : customer.accountName())));
        }
        if (body.plans() != null && !body.plans().isEmpty()) {
            questions.put(SUBSCRIPTION, new ParticipantChecks.Question(SubscriptionChannels.COMMANDS,
                    new ValidatePlans(plans(body), Boolean.TRUE.equals(body.acceptPaidPlans()))));
        }
        List<DryRunView.Participant> asked = new ArrayList<>();
        asked.add(new DryRunView.Participant(CUSTOMER, DryRunView.Participant.ANSWERED));
        for (ParticipantChecks.Verdict verdict : participants.ask(partnerId, traceparent, questions,
                properties.dryRunTimeout())) {
            asked.add(new DryRunView.Participant(verdict.service(),
                    verdict.answered() ? DryRunView.Participant.ANSWERED : DryRunView.Participant.NO_ANSWER));
            for (DryRunFinding finding : verdict.findings()) {
                problems.add(new DryRunView.Problem(finding.field(), finding.code(), finding.message(),
                        verdict.service()));
            }
        }
        for (String service : List.of(IDENTITY, SUBSCRIPTION)) {
            if (!questions.containsKey(service)) {
                asked.add(new DryRunView.Participant(service, DryRunView.Participant.NOT_ASKED));
            }
        }
        List<DryRunView.Problem> distinct = List.copyOf(new LinkedHashSet<>(problems));
        boolean complete = asked.stream().noneMatch(p -> DryRunView.Participant.NO_ANSWER.equals(p.status()));
        return new DryRunView(distinct.isEmpty() && complete, complete, distinct, asked);
    }

    /** The administrator as identity would get it; the password stays here (its policy is judged above). */
    private static Administrator administrator(OnboardingRequestBody.Administrator a) {
        return new Administrator(a.username(), a.firstName(), a.lastName(), a.displayName(), a.email(), null,
                a.phone(), a.jobTitle(), a.department());
    }

    private static List<SupportContact> contacts(OnboardingRequestBody body) {
        return body.contacts() == null ? List.of() : body.contacts().stream().filter(java.util.Objects::nonNull)
                .map(c -> new SupportContact(c.kind(), c.name(), c.email(), c.phone())).toList();
    }

    /** Positions are kept (a missing entry becomes an empty plan), so findings name the partner's indexes. */
    private static List<PlanRequest> plans(OnboardingRequestBody body) {
        return body.plans().stream().map(p -> p == null ? new PlanRequest(null, 0, null)
                : new PlanRequest(p.planCode(), p.units(), p.startDate())).toList();
    }
}
