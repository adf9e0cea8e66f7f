package io.provisio.platform.deadletter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.provisio.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of this service's dead letters (scope {@code operator}; every service's security chain
 * requires it under {@code /api/v1/operator/**}). The gateway merges the lists of all services and routes a
 * queue's calls to the service whose consumer group the queue name carries (ADR 010).
 */
@RestController
@RequestMapping("/api/v1/operator/dead-letters")
class DeadLetterController {

    /** Redrives per call: a bigger DLQ takes several calls, each answering what remains. */
    static final int MAX_REDRIVE = 1000;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);
    private static final Logger audit = LoggerFactory.getLogger("io.provisio.audit");

    private final DeadLetterQueues queues;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final String service;

    DeadLetterController(DeadLetterQueues queues, DeadLetters deadLetters, MeterRegistry meters,
                         @Value("${spring.application.name}") String service) {
        this.queues = queues;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.service = service;
    }

    /** A DLQ of this service and its depth; {@code queue} is where a redrive sends its messages. */
    record QueueView(String name, String service, String queue, long messages) {
    }

    record RedriveRequest(List<String> messageIds) {
    }

    /** {@code remaining}: messages the redrive found in the DLQ and left there (not asked for, or over the limit). */
    record RedriveResult(String queue, int redriven, List<String> messageIds, long remaining) {
    }

    @GetMapping
    Page<QueueView> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageQuery query = PageQuery.of(page, size);
        List<QueueView> present = new ArrayList<>();
        for (DeadLetterQueue queue : queues.all()) {
            OptionalLong depth = deadLetters.depth(queue.name());
            // A binding without a DLQ (auto-bind-dlq: false) has nothing to show.
            depth.ifPresent(messages -> present.add(new QueueView(queue.name(), service, queue.queue(), messages)));
        }
        List<QueueView> items = present.stream().skip(query.skip()).limit(query.size()).toList();
        return query.answer(items, present.size());
    }

    @GetMapping("/{queue}")
    Page<DeadLetter> messages(@PathVariable String queue, @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "20") int size) {
        PageQuery query = PageQuery.of(page, size);
        DeadLetterQueue dlq = existing(queue);
        long total = deadLetters.depth(dlq.name()).orElse(0);
        return query.answer(deadLetters.peek(dlq.name(), query.skip(), query.size()), total);
    }

    /** Audited: who moved which messages where, in the {@code io.provisio.audit} log. */
    @PostMapping("/{queue}/redrive")
    RedriveResult redrive(@PathVariable String queue, @RequestBody(required = false) RedriveRequest request,
                          PartnerId operator, Authentication caller) {
        DeadLetterQueue dlq = existing(queue);
        Set<String> wanted = new LinkedHashSet<>();
        if (request != null && request.messageIds() != null) {
            for (String id : request.messageIds()) {
                if (id == null || id.isBlank()) {
                    throw ApiProblem.validation(List.of(new FieldError("messageIds", "must not contain blank ids")));
                }
                wanted.add(id);
            }
        }
        DeadLetters.Redrive done = deadLetters.redrive(dlq, wanted, MAX_REDRIVE);
        meters.counter("provisio.messaging.dlq.redriven", "queue", dlq.name()).increment(done.messageIds().size());
        audit.info("Operator client {} of partner {} redrove {} message(s) from {} to {}: {}", caller.getName(),
                operator, done.messageIds().size(), dlq.name(), dlq.queue(), done.messageIds());
        if (done.failure() != null) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "REDRIVE_INCOMPLETE", "Redrive incomplete",
                    done.messageIds().size() + " message(s) redriven, then the broker did not take " + done.failure()
                            + "; it is still in " + dlq.name() + ". Retry the redrive.");
        }
        return new RedriveResult(dlq.name(), done.messageIds().size(), done.messageIds(), done.remaining());
    }

    /** Only this service's DLQs, and only those the broker has: anything else is unknown here. */
    private DeadLetterQueue existing(String name) {
        return queues.find(name).filter(queue -> deadLetters.depth(queue.name()).isPresent())
                .orElseThrow(() -> ApiProblem.notFound("Dead-letter queue", name));
    }

    @ExceptionHandler(AmqpException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(AmqpException e) {
        log.warn("Dead letters unavailable: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "BROKER_UNAVAILABLE", "Broker unavailable",
                        "RabbitMQ cannot be reached; dead letters cannot be read or moved right now", List.of()));
    }
}
