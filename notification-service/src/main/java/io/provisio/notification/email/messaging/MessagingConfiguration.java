package io.provisio.notification.email.messaging;

import java.time.Clock;
import java.util.function.Consumer;

import io.provisio.notification.contracts.CancelWelcomeEmail;
import io.provisio.notification.contracts.ScheduleActivationEmail;
import io.provisio.notification.contracts.ScheduleWelcomeEmail;
import io.provisio.notification.email.application.SuspensionHolds;
import io.provisio.notification.email.persistence.NotificationStore;
import io.provisio.notification.profile.CustomerProfileStore;
import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.SagaParticipant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    @Bean
    WelcomeEmailStep welcomeEmailStep(SagaParticipant participant, NotificationStore store,
                                      CustomerProfileStore profiles, Clock clock) {
        return new WelcomeEmailStep(participant, store, profiles, clock);
    }

    @Bean
    ActivationEmails activationEmails(NotificationStore store, CustomerProfileStore profiles, Clock clock) {
        return new ActivationEmails(store, profiles, clock);
    }

    @Bean
    SubscriptionStartedEmails subscriptionStartedEmails(MessageCodec codec, NotificationStore store,
                                                        CustomerProfileStore profiles, Clock clock) {
        return new SubscriptionStartedEmails(codec, store, profiles, clock);
    }

    @Bean
    DeletedUserEmails deletedUserEmails(MessageCodec codec, NotificationStore store, Clock clock) {
        return new DeletedUserEmails(codec, store, clock);
    }

    @Bean
    ActivationRequestEmails activationRequestEmails(MessageCodec codec, NotificationStore store, Clock clock) {
        return new ActivationRequestEmails(codec, store, clock);
    }

    @Bean
    CompletedOnboardings completedOnboardings(MessageCodec codec, NotificationStore store, Clock clock) {
        return new CompletedOnboardings(codec, store, clock);
    }

    @Bean
    SuspendedCustomerEmails suspendedCustomerEmails(MessageCodec codec, SuspensionHolds holds) {
        return new SuspendedCustomerEmails(codec, holds);
    }

    /** Bound to {@code customer-events}; queue customer-events.notification-service. Other event types are not ours. */
    @Bean
    Consumer<Message<byte[]>> customerEvents(MessageCodec codec, CompletedOnboardings completed,
                                             SuspendedCustomerEmails suspensions) {
        // Each handler acts on its own types and ignores the rest.
        return new EnvelopeHandler(codec, envelope -> {
            completed.handle(envelope);
            suspensions.handle(envelope);
        });
    }

    /** Bound to {@code notification-commands} (application.yml); queue notification-commands.notification-service. */
    @Bean
    Consumer<Message<byte[]>> notificationCommands(MessageCodec codec, WelcomeEmailStep welcome,
                                                   ActivationEmails activation) {
        return new EnvelopeHandler(codec, envelope -> {
            switch (envelope.type()) {
                case "ScheduleWelcomeEmail" ->
                        welcome.schedule(envelope, codec.payload(envelope, ScheduleWelcomeEmail.class));
                case "CancelWelcomeEmail" ->
                        welcome.cancel(envelope, codec.payload(envelope, CancelWelcomeEmail.class));
                case "ScheduleActivationEmail" ->
                        activation.schedule(envelope, codec.payload(envelope, ScheduleActivationEmail.class));
                default -> throw new MalformedMessageException("notification-service does not handle "
                        + envelope.type());
            }
        });
    }

    /** Bound to {@code subscription-events}; queue subscription-events.notification-service. */
    @Bean
    Consumer<Message<byte[]>> subscriptionEvents(MessageCodec codec, SubscriptionStartedEmails emails) {
        return new EnvelopeHandler(codec, emails::handle);
    }

    /** Bound to {@code identity-events}; queue identity-events.notification-service. */
    @Bean
    Consumer<Message<byte[]>> identityEvents(MessageCodec codec, DeletedUserEmails deleted,
                                             ActivationRequestEmails requested) {
        // Each handler acts on its own types and ignores the rest (UserCreated is nobody's here).
        return new EnvelopeHandler(codec, envelope -> {
            deleted.handle(envelope);
            requested.handle(envelope);
        });
    }
}
