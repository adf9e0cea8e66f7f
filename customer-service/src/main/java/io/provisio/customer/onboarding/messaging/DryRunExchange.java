package io.provisio.customer.onboarding.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.DryRunReport;
import io.provisio.customer.onboarding.application.ParticipantChecks;
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
 * Request/reply over RabbitMQ for the dry run. The questions are published with confirms but
 * without the outbox (a dry run writes nothing, and a lost question only costs an unanswered
 * participant); answers come back on {@code dry-run-replies}, which every instance reads from its own
 * non-durable queue, keeping the answers it waits for (matched by the reply's causation id).
 */
@Configuration(proxyBeanMethods = false)
class DryRunExchange implements ParticipantChecks {

    private static final Logger log = LoggerFactory.getLogger(DryRunExchange.class);

    private final MessageCodec codec;
    private final ConfirmingPublisher publisher;
    private final PendingReplies<DryRunReport> waiting = new PendingReplies<>();

    DryRunExchange(MessageCodec codec, ConfirmingPublisher publisher) {
        this.codec = codec;
        this.publisher = publisher;
    }

    @Bean
    Consumer<Message<byte[]>> dryRunReplies() {
        return new EnvelopeHandler(codec, Decoding.strictly(codec, CustomerMessages.DRY_RUN_REPLIES,
                waiting::answered));
    }

    @Override
    public List<Verdict> ask(String partnerId, String traceparent, Map<String, Question> questions, Duration bound) {
        Map<String, String> sent = new LinkedHashMap<>();
        Map<String, CompletableFuture<DryRunReport>> answers = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Question> entry : questions.entrySet()) {
                Question question = entry.getValue();
                Envelope command = codec.command(SagaMessages.COMMANDS, null, null, partnerId,
                        CustomerChannels.DRY_RUN_REPLIES, traceparent, question.payload());
                CompletableFuture<DryRunReport> answer = waiting.expect(command.messageId());
                sent.put(entry.getKey(), command.messageId());
                answers.put(entry.getKey(), answer);
                try {
                    publisher.publish(question.channel(), Routing.REQUIRED, command.messageId(), command.type(),
                            command.traceparent(), codec.encode(command));
                } catch (PublishFailedException e) {
                    log.warn("Dry run could not ask {}: {}", entry.getKey(), e.getMessage());
                    answer.completeExceptionally(e);
                }
            }
            return collect(answers, bound);
        } finally {
            sent.values().forEach(waiting::forget);
        }
    }

    private static List<Verdict> collect(Map<String, CompletableFuture<DryRunReport>> answers, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<Verdict> verdicts = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<DryRunReport>> entry : answers.entrySet()) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            verdicts.add(PendingReplies.await(entry.getValue(), left)
                    .map(report -> new Verdict(entry.getKey(), true, report.findings() == null ? List.of()
                            : report.findings()))
                    .orElseGet(() -> new Verdict(entry.getKey(), false, List.of())));
        }
        return verdicts;
    }
}
