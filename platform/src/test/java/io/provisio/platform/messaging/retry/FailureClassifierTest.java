package io.provisio.platform.messaging.retry;

import java.io.IOException;
import java.util.stream.Stream;

import com.mongodb.MongoException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.rabbitmq.client.ShutdownSignalException;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.retry.FailureClassifier.Failure;
import io.provisio.platform.outbox.PublishFailedException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    private static final ServerAddress MONGO = new ServerAddress("127.0.0.1", 27017);

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("socket open", new MongoSocketOpenException("Exception opening socket", MONGO), Failure.OUTAGE),
                Arguments.of("read time-out", new MongoSocketReadTimeoutException("Timeout", MONGO, new IOException()),
                        Failure.OUTAGE),
                Arguments.of("server selection", new MongoTimeoutException("Timed out while waiting for a server"),
                        Failure.OUTAGE),
                Arguments.of("failover", new MongoNotPrimaryException(new BsonDocument(), MONGO), Failure.OUTAGE),
                Arguments.of("Spring Data's translation", new DataAccessResourceFailureException("Timed out",
                        new MongoTimeoutException("Timed out")), Failure.OUTAGE),
                Arguments.of("broker connect", new AmqpConnectException(new java.net.ConnectException("refused")),
                        Failure.OUTAGE),
                Arguments.of("broker connection closed", new ShutdownSignalException(true, false, null, null),
                        Failure.OUTAGE),
                Arguments.of("outbox: broker unreachable", new PublishFailedException("no confirm", true), Failure.OUTAGE),
                Arguments.of("retryable write label", labelled(new MongoException(91, "shutdown in progress")),
                        Failure.OUTAGE),
                Arguments.of("malformed", new MalformedMessageException("not an envelope"), Failure.POISON),
                Arguments.of("rejected for good", new AmqpRejectAndDontRequeueException("unknown type"), Failure.POISON),
                Arguments.of("outbox: message refused", new PublishFailedException("nacked", false), Failure.RETRY),
                Arguments.of("channel error", new ShutdownSignalException(false, false, null, null), Failure.RETRY),
                Arguments.of("optimistic lock", new OptimisticLockingFailureException("stale"), Failure.RETRY),
                Arguments.of("duplicate key", new DuplicateKeyException("dup"), Failure.RETRY),
                Arguments.of("a bug", new IllegalStateException("boom"), Failure.RETRY));
    }

    private static MongoException labelled(MongoException e) {
        e.addLabel("RetryableWriteError");
        return e;
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("failures")
    void classifiesWhatTheHandlerOrTheDriverThrew(String name, Throwable failure, Failure expected) {
        assertThat(FailureClassifier.classify(failure)).isEqualTo(expected);
    }

    @Test
    void readsThroughTheWrappersOfTheBinder() {
        Throwable wrapped = new MessageHandlingException(new GenericMessage<>("x"), "handler failed",
                new DataAccessResourceFailureException("Timed out", new MongoTimeoutException("Timed out")));

        assertThat(FailureClassifier.classify(wrapped)).isEqualTo(Failure.OUTAGE);
    }

    @Test
    void believesARejectionEvenWhenAnOutageCausedIt() {
        Throwable rejected = new AmqpRejectAndDontRequeueException("given up", new MongoTimeoutException("Timed out"));

        assertThat(FailureClassifier.classify(rejected)).isEqualTo(Failure.POISON);
    }

    @Test
    void survivesACauseChainWithACycle() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);

        assertThat(FailureClassifier.classify(first)).isEqualTo(Failure.RETRY);
    }
}
