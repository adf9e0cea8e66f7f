package io.provisio.acceptance;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signed webhooks through the gateway, with every service running: a partner registers an endpoint served by this
 * JVM, onboards a customer, and receives {@code onboarding.completed} for it, signed as the notification-service
 * README's recipe says (checked here with this test's own HMAC).
 */
@ExtendWith(Suite.class)
class WebhooksIT {

    private static final Duration ONBOARDING = Duration.ofSeconds(120);

    record Received(Map<String, String> headers, String body) {
    }

    @Test
    void deliversASignedOnboardingCompletedToTheEndpointAPartnerRegistered() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/provisio-hooks", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(Map.of(
                        "webhook-id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                        "webhook-timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                        "webhook-signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature"))),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        Api nordic = Api.nordic();
        String endpointId = null;
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/provisio-hooks";
            Api.Response registered = nordic.post("/api/v1/webhooks",
                    "{\"url\":\"" + url + "\",\"events\":[\"onboarding.completed\",\"onboarding.failed\"]}");
            assertThat(registered.status()).as(registered.text()).isEqualTo(201);
            endpointId = registered.json().get("id").asString();
            String endpoint = endpointId;
            String secret = registered.json().get("secret").asString();
            assertThat(secret).startsWith("whsec_");
            assertThat(nordic.get("/api/v1/webhooks/" + endpointId).text()).doesNotContain(secret);
            assertThat(Api.alpina().get("/api/v1/webhooks/" + endpointId).status()).isEqualTo(404);

            ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
            Api.Response started = nordic.post("/api/v1/onboardings", request.toString());
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            String onboardingId = started.json().get("id").asString();

            Received completed = await("onboarding.completed webhook").atMost(ONBOARDING).until(
                    () -> received.stream().filter(r -> r.body().contains(onboardingId)).findFirst().orElse(null),
                    r -> r != null);
            assertThat(verifies(secret, completed)).isTrue();
            JsonNode body = Api.JSON.readTree(completed.body());
            assertThat(body.get("type").asString()).isEqualTo("onboarding.completed");
            assertThat(body.get("data").get("onboardingId").asString()).isEqualTo(onboardingId);
            JsonNode onboarding = nordic.get("/api/v1/onboardings/" + onboardingId).json();
            assertThat(onboarding.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(body.get("data").get("customerId").asString())
                    .isEqualTo(onboarding.get("customerId").asString());

            String deliveryId = completed.headers().get("webhook-id");
            JsonNode log = await("delivery DELIVERED").atMost(Duration.ofSeconds(20)).until(
                    () -> nordic.get("/api/v1/webhooks/" + endpoint + "/deliveries?size=200").json(),
                    page -> page.get("items").findValuesAsString("id").contains(deliveryId)
                            && page.toString().contains("DELIVERED"));
            assertThat(log.get("items").findValuesAsString("id")).contains(deliveryId);
        } finally {
            if (endpointId != null) {
                nordic.delete("/api/v1/webhooks/" + endpointId);
            }
            receiver.stop(0);
        }
    }

    /** The README's recipe, in this test's own words. */
    private static boolean verifies(String secret, Received request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal((request.headers().get("webhook-id")
                + "." + request.headers().get("webhook-timestamp") + "." + request.body())
                .getBytes(StandardCharsets.UTF_8)));
        for (String candidate : request.headers().get("webhook-signature").split(" ")) {
            if (MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII),
                    expected.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
