package io.provisio.platform.deadletter;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestNamespace;
import io.provisio.platform.consumer.ConsumerTest;
import io.provisio.platform.consumer.TestConsumers;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The operator's dead letters of one service, against the real broker: listed with their depth, read
 * without being consumed, and redriven once the cause is fixed, after which the message is handled once.
 */
@ConsumerTest
class DeadLetterApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String QUEUE = TestNamespace.current() + ConsumerTest.QUICK + "." + ConsumerTest.GROUP;
    private static final String DLQ = QUEUE + ".dlq";
    private static final String STEADY_DLQ = TestNamespace.current() + ConsumerTest.STEADY + "." + ConsumerTest.GROUP
            + ".dlq";
    private static final String BASE = "/api/v1/operator/dead-letters";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    MessageCodec codec;
    @Autowired
    TestConsumers consumers;
    @Autowired
    ConnectionFactory rabbit;

    private final BrokerProbe broker = BrokerProbe.connect();

    @BeforeEach
    void emptyTheDeadLetterQueue() {
        await().atMost(WAIT).until(() -> depth(DLQ) >= 0);
        new RabbitAdmin(rabbit).purgeQueue(DLQ, false);
    }

    @AfterEach
    void closeProbe() {
        broker.close();
    }

    @Test
    void listsTheServicesDeadLetterQueuesWithTheirDepth() {
        broker.publish(ConsumerTest.QUICK, "{\"not\":\"an envelope\"}");
        await().atMost(WAIT).until(() -> depth(DLQ) == 1);

        JsonNode page = call(get(BASE), operator(), 200);

        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("items").valueStream().map(q -> q.get("name").asString()))
                .containsExactlyInAnyOrder(DLQ, STEADY_DLQ);
        JsonNode quick = page.get("items").valueStream().filter(q -> q.get("name").asString().equals(DLQ))
                .findFirst().orElseThrow();
        assertThat(quick.get("service").asString()).isEqualTo("platform-test");
        assertThat(quick.get("queue").asString()).isEqualTo(QUEUE);
        assertThat(quick.get("messages").asLong()).isEqualTo(1);
    }

    @Test
    void redrivesAMessageRejectedForAFaultOnceTheFaultIsFixedAndItIsHandledOnce() {
        Envelope rejected = command("RegisterCustomer");
        consumers.reject(rejected.messageId());
        broker.publish(ConsumerTest.QUICK, codec.encode(rejected));
        await().atMost(WAIT).until(() -> depth(DLQ) == 1);
        assertThat(consumers.attempts(rejected.messageId())).isEqualTo(3);

        JsonNode listed = call(get(BASE + "/" + DLQ), operator(), 200);

        // Reading gave the message back: the next reader sees the same (a nack is asynchronous, hence await).
        await().atMost(WAIT).until(() -> call(get(BASE + "/" + DLQ), operator(), 200).equals(listed));
        assertThat(listed.get("total").asInt()).isEqualTo(1);
        JsonNode letter = listed.get("items").get(0);
        assertThat(letter.get("messageId").asString()).isEqualTo(rejected.messageId());
        assertThat(letter.get("type").asString()).isEqualTo("RegisterCustomer");
        assertThat(letter.get("sagaId").asString()).isEqualTo(rejected.sagaId());
        assertThat(letter.get("step").asString()).isEqualTo("REGISTER_CUSTOMER");
        assertThat(letter.get("partnerId").asString()).isEqualTo("nordic-it");
        assertThat(letter.get("reason").asString())
                .isEqualTo("IllegalStateException: refused by a fault the test injected");
        assertThat(letter.get("deadLetterCount").asInt()).isEqualTo(1);
        assertThat(letter.get("malformed").asBoolean()).isFalse();
        assertThat(letter.has("payload")).isFalse();
        await().atMost(WAIT).until(() -> depth(DLQ) == 1);

        consumers.fix(rejected.messageId());
        JsonNode redriven = call(post(BASE + "/" + DLQ + "/redrive"), operator(), 200);

        assertThat(redriven.get("redriven").asInt()).isEqualTo(1);
        assertThat(redriven.get("messageIds").get(0).asString()).isEqualTo(rejected.messageId());
        assertThat(redriven.get("remaining").asInt()).isZero();
        await().atMost(WAIT).until(() -> consumers.completions(rejected.messageId()) == 1);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() ->
                consumers.completions(rejected.messageId()) == 1 && depth(DLQ) == 0 && depth(QUEUE) == 0);
        assertThat(consumers.attempts(rejected.messageId())).isEqualTo(4);
    }

    @Test
    void redrivesOnlyTheMessagesAskedFor() {
        Envelope wanted = command("RegisterCustomer");
        Envelope left = command("RegisterCustomer");
        consumers.reject(wanted.messageId());
        consumers.reject(left.messageId());
        broker.publish(ConsumerTest.QUICK, codec.encode(left));
        broker.publish(ConsumerTest.QUICK, codec.encode(wanted));
        await().atMost(WAIT).until(() -> depth(DLQ) == 2);
        consumers.fix(wanted.messageId());

        JsonNode redriven = call(post(BASE + "/" + DLQ + "/redrive")
                .contentType("application/json")
                .content("{\"messageIds\":[\"" + wanted.messageId() + "\"]}"), operator(), 200);

        assertThat(redriven.get("messageIds").valueStream().map(JsonNode::asString)).containsExactly(wanted.messageId());
        assertThat(redriven.get("remaining").asInt()).isEqualTo(1);
        await().atMost(WAIT).until(() -> consumers.completions(wanted.messageId()) == 1 && depth(DLQ) == 1);
        JsonNode still = call(get(BASE + "/" + DLQ), operator(), 200);
        assertThat(still.get("items").valueStream().map(m -> m.get("messageId").asString()))
                .containsExactly(left.messageId());
        assertThat(consumers.completions(left.messageId())).isZero();
    }

    @Test
    void aRedrivenMessageThatFailsAgainComesBackCountedTwice() {
        Envelope stubborn = command("RegisterCustomer");
        consumers.reject(stubborn.messageId());
        broker.publish(ConsumerTest.QUICK, codec.encode(stubborn));
        await().atMost(WAIT).until(() -> depth(DLQ) == 1);

        call(post(BASE + "/" + DLQ + "/redrive"), operator(), 200);

        await().atMost(WAIT).until(() -> consumers.attempts(stubborn.messageId()) == 6 && depth(DLQ) == 1);
        JsonNode letter = call(get(BASE + "/" + DLQ), operator(), 200).get("items").get(0);
        assertThat(letter.get("messageId").asString()).isEqualTo(stubborn.messageId());
        assertThat(letter.get("deadLetterCount").asInt()).isEqualTo(2);
    }

    @Test
    void showsAMessageThatIsNoEnvelopeAsMalformed() {
        broker.publish(ConsumerTest.QUICK, "plain text, not JSON");
        await().atMost(WAIT).until(() -> depth(DLQ) == 1);

        JsonNode letter = call(get(BASE + "/" + DLQ), operator(), 200).get("items").get(0);

        assertThat(letter.get("malformed").asBoolean()).isTrue();
        assertThat(letter.get("reason").asString()).contains("not an envelope");
    }

    @Test
    void pagesThroughADeadLetterQueueInOrder() {
        for (int i = 0; i < 3; i++) {
            broker.publish(ConsumerTest.QUICK, codec.encode(codec.event(TestConsumers.UNKNOWN_TYPE, "nordic-it", null,
                    Map.of("n", i))));
        }
        await().atMost(WAIT).until(() -> depth(DLQ) == 3);

        JsonNode first = call(get(BASE + "/" + DLQ).param("page", "0").param("size", "2"), operator(), 200);
        JsonNode second = call(get(BASE + "/" + DLQ).param("page", "1").param("size", "2"), operator(), 200);

        assertThat(first.get("items")).hasSize(2);
        assertThat(second.get("items")).hasSize(1);
        assertThat(first.get("total").asInt()).isEqualTo(3);
        assertThat(first.get("items").get(0).get("messageId").asString())
                .isNotEqualTo(second.get("items").get(0).get("messageId").asString());
        await().atMost(WAIT).until(() -> depth(DLQ) == 3);
    }

    @Test
    void refusesCallersWithoutTheOperatorScope() {
        RequestPostProcessor partner = jwt().jwt(j -> j.claim("partner_id", "nordic-it"))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));

        JsonNode problem = call(get(BASE), partner, 403);
        call(post(BASE + "/" + DLQ + "/redrive"), partner, 403);

        assertThat(problem.get("code").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void knowsNoQueueButItsOwnDeadLetterQueues() {
        for (String other : new String[] {QUEUE, "saga-replies.customer-service.dlq", DLQ + "x"}) {
            JsonNode problem = call(post(BASE + "/" + other + "/redrive"), operator(), 404);
            assertThat(problem.get("code").asString()).isEqualTo("NOT_FOUND");
            call(get(BASE + "/" + other), operator(), 404);
        }
    }

    private JsonNode call(MockHttpServletRequestBuilder request, RequestPostProcessor caller, int status) {
        try {
            return send(request, caller, status);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(MockHttpServletRequestBuilder request, RequestPostProcessor caller, int status)
            throws Exception {
        MvcResult result = mvc.perform(request.with(caller)).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        String body = result.getResponse().getContentAsString();
        return body.isEmpty() ? json.nullNode() : json.readTree(body);
    }

    private static RequestPostProcessor operator() {
        return jwt().jwt(j -> j.subject("provisio-ops-api").claim("partner_id", "provisio"))
                .authorities(new SimpleGrantedAuthority("SCOPE_operator"));
    }

    private Envelope command(String type) {
        return codec.command(type, UUID.randomUUID().toString(), "REGISTER_CUSTOMER", "nordic-it", "saga-replies",
                null, Map.of("accountName", "testbolag"));
    }

    private long depth(String queue) {
        QueueInformation information = new RabbitAdmin(rabbit).getQueueInfo(queue);
        return information == null ? -1 : information.getMessageCount();
    }
}
