package io.provisio.customer.onboarding.messaging;

import java.util.List;

import io.provisio.customer.contracts.ActivateCustomer;
import io.provisio.customer.contracts.Address;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.customer.contracts.DeleteCustomer;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.customer.contracts.OnboardingFailed;
import io.provisio.customer.contracts.RegisterCustomer;
import io.provisio.customer.contracts.Setup;
import io.provisio.customer.onboarding.domain.AdministratorAccount;
import io.provisio.customer.onboarding.domain.Onboarding;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.customer.onboarding.domain.SagaCommand;
import io.provisio.customer.onboarding.domain.SagaOutcome;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.CreateAdministrator;
import io.provisio.identity.contracts.DeleteAdministrator;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.contracts.SupportContact;
import io.provisio.notification.contracts.CancelWelcomeEmail;
import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.ScheduleWelcomeEmail;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.PlanRequest;
import io.provisio.subscription.contracts.ReleasePlans;
import io.provisio.subscription.contracts.SubscriptionChannels;

/**
 * The saga's decisions in the participants' words: each step's command and compensation as the owner's contract
 * record on the owner's command channel, and the saga's outcome as the customer contract's event. The only place
 * where the orchestrator's model meets the wire records, so a contract change is made here and nowhere in the saga.
 */
public final class ParticipantCommands {

    private ParticipantCommands() {
    }

    /** A command ready for the outbox: the owner's command channel and the contract record. */
    public record WireCommand(String channel, Object payload) {
    }

    /** The contract record and channel for {@code command}, built from the onboarding as it is about to be stored. */
    public static WireCommand of(Onboarding o, SagaCommand command) {
        String id = o.customerId();
        return switch (command.step()) {
            case REGISTER_CUSTOMER -> new WireCommand(CustomerChannels.COMMANDS, command.compensation()
                    ? new DeleteCustomer(id) : new RegisterCustomer(id, profile(o.request().customer())));
            case CREATE_ADMINISTRATOR -> new WireCommand(IdentityChannels.COMMANDS, command.compensation()
                    ? new DeleteAdministrator(id) : createAdministrator(o));
            case ASSIGN_PLANS -> new WireCommand(SubscriptionChannels.COMMANDS, command.compensation()
                    ? new ReleasePlans(id) : new AssignPlans(id, plans(o.request().plans()),
                    o.request().acceptPaidPlans()));
            case SCHEDULE_WELCOME_EMAIL -> new WireCommand(NotificationChannels.COMMANDS, command.compensation()
                    ? new CancelWelcomeEmail(id) : welcomeEmail(o));
            case ACTIVATE_CUSTOMER -> {
                if (command.compensation()) {
                    throw new IllegalArgumentException("ACTIVATE_CUSTOMER is the point of no return: nothing undoes it");
                }
                yield new WireCommand(CustomerChannels.COMMANDS, new ActivateCustomer(id));
            }
        };
    }

    /** The customer contract's event for how the onboarding ended. */
    public static Object eventOf(SagaOutcome outcome) {
        return switch (outcome) {
            case SagaOutcome.Completed c -> new OnboardingCompleted(c.onboardingId(), c.customerId(), c.completedAt(),
                    setup(c.setup()), c.planCodes());
            case SagaOutcome.Failed f -> new OnboardingFailed(f.onboardingId(), f.customerId(),
                    f.step() == null ? null : f.step().name(), f.code(), f.message(), f.failedAt());
        };
    }

    static CustomerProfile profile(OnboardingRequest.Customer c) {
        OnboardingRequest.Address a = c.address();
        return new CustomerProfile(c.accountName(), c.companyName(), c.externalCode(), c.parentCustomerId(),
                a == null ? null : new Address(a.street(), a.city(), a.region(), a.postalCode(), a.country()),
                c.businessType(), c.tenantType(), c.edition(), c.locale(), c.domains(), c.emergencyContactEmail(),
                setup(c.setup()));
    }

    private static Setup setup(OnboardingRequest.Setup s) {
        return s == null ? null : new Setup(s.by(), s.contactEmail(), s.startDate());
    }

    private static CreateAdministrator createAdministrator(Onboarding o) {
        OnboardingRequest request = o.request();
        OnboardingRequest.Administrator a = request.administrator();
        return new CreateAdministrator(o.customerId(), o.accountName(), request.customer().companyName(),
                request.customer().domains(),
                new Administrator(a.username(), a.firstName(), a.lastName(), a.displayName(), a.email(),
                        a.passwordHash(), a.phone(), a.jobTitle(), a.department()),
                request.contacts().stream().map(k -> new SupportContact(k.kind(), k.name(), k.email(), k.phone()))
                        .toList(),
                request.welcomeEmail().language(), request.welcomeEmail().sendAt());
    }

    private static List<PlanRequest> plans(List<OnboardingRequest.Plan> plans) {
        return plans.stream().map(p -> new PlanRequest(p.planCode(), p.units(), p.startDate())).toList();
    }

    private static ScheduleWelcomeEmail welcomeEmail(Onboarding o) {
        OnboardingRequest request = o.request();
        AdministratorAccount account = o.administrator();
        return new ScheduleWelcomeEmail(o.customerId(), request.administrator().email(),
                request.administrator().displayName(), request.welcomeEmail().language(),
                request.welcomeEmail().sendAt(), request.customer().companyName(), o.accountName(),
                o.activationRequired(), request.welcomeEmail().partnerName(),
                account == null ? null : account.upn(),
                account == null ? null : account.activationToken(),
                account == null ? null : account.activationExpiresAt(),
                account == null ? null : account.userId());
    }
}
