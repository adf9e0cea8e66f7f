package io.provisio.identity.user.messaging;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.provisio.customer.contracts.CheckSubdomain;
import io.provisio.customer.contracts.ClaimSubdomain;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerCommand;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.SubdomainAnswer;
import io.provisio.customer.contracts.SubdomainAvailability;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.user.application.SubdomainQuestions;
import io.provisio.platform.messaging.Decoding;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.PendingReplies;
import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.ConfirmingPublisher;
import io.provisio.platform.outbox.PublishFailedException;
import io.provisio.platform.outbox.Routing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Request/reply over RabbitMQ for the setup page's sub-domain questions (ADR 026), the dry run's pattern (ADR 005):
 * the question goes to {@code customer-commands} with confirms but without the outbox (a question that is lost costs
 * only an unanswered check; the page says so and the person submits again), and the answer comes back on
 * {@code setup-replies}, which every instance reads from its own non-durable queue, keeping the answers it waits for
 * (matched by the reply's causation id). An answer that arrives after the page gave up is dropped; for a claim that
 * means the claim was made and the next submit of the same name finds it claimed.
 */
@Configuration(proxyBeanMethods = false)
class SubdomainExchange implements SubdomainQuestions {

    private static final Logger log = LoggerFactory.getLogger(SubdomainExchange.class);

    private final MessageCodec codec;
    private final ConfirmingPublisher publisher;
    private final PendingReplies<SubdomainAnswer> waiting = new PendingReplies<>();

    SubdomainExchange(MessageCodec codec, ConfirmingPublisher publisher) {
        this.codec = codec;
        this.publisher = publisher;
    }

    /** {@code setup-replies} (binding {@code setupReplies-in-0}), a queue per instance. */
    @Bean
    Consumer<Message<byte[]>> setupReplies() {
        return new EnvelopeHandler(codec, Decoding.strictly(codec, CustomerMessages.SUBDOMAIN_ANSWERS,
                waiting::answered));
    }

    @Override
    public Optional<SubdomainAvailability> check(String partnerId, String customerId, String name, Duration bound) {
        return ask(partnerId, new CheckSubdomain(customerId, name), bound)
                .filter(SubdomainAvailability.class::isInstance).map(SubdomainAvailability.class::cast);
    }

    @Override
    public Optional<SubdomainAnswer> claim(String partnerId, String customerId, String name, Duration bound) {
        return ask(partnerId, new ClaimSubdomain(customerId, name), bound);
    }

    private Optional<SubdomainAnswer> ask(String partnerId, CustomerCommand question, Duration bound) {
        Envelope command = codec.command(CustomerMessages.COMMANDS, null, null, partnerId,
                IdentityChannels.SETUP_REPLIES, null, question);
        CompletableFuture<SubdomainAnswer> answer = waiting.expect(command.messageId());
        try {
            publisher.publish(CustomerChannels.COMMANDS, Routing.REQUIRED, command.messageId(), command.type(),
                    command.traceparent(), codec.encode(command));
            Optional<SubdomainAnswer> answered = PendingReplies.await(answer, bound);
            if (answered.isEmpty()) {
                log.warn("customer-service did not answer {} {} within {}", command.type(), command.messageId(),
                        bound);
            }
            return answered;
        } catch (PublishFailedException e) {
            log.warn("Setup page could not ask customer-service ({}): {}", command.type(), e.getMessage());
            return Optional.empty();
        } finally {
            waiting.forget(command.messageId());
        }
    }
}
