package io.provisio.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Onboarding requests from docs/examples, each made unique per test run. */
final class Onboardings {

    /** Strong by identity's password policy and built on none of the examples' words. */
    static final String STRONG_PASSWORD = "vinter-kaffe-Tromsø-47";

    private Onboardings() {
    }

    /** The Swedish partner-portal example, with its own account name, domain, e-mails and this run's dates. */
    static ObjectNode swedishCustomerWithHostedServices() {
        ObjectNode request = example("onboarding-sv-cortex.json");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ObjectNode customer = (ObjectNode) request.get("customer");
        customer.put("accountName", "testbolag-" + suffix);
        // Domains and sign-in names are one customer's across the platform (ADR 012): each run has its own.
        customer.putArray("domains").add("testbolag-" + suffix + ".se");
        ObjectNode administrator = (ObjectNode) request.get("administrator");
        administrator.put("email", "bengt.testsson+" + suffix + "@testbolag.se");
        ((ObjectNode) request.get("contacts").get(0)).put("email", "bengt.testsson+" + suffix + "@testbolag.se");
        return request;
    }

    /** The Swedish example asking for more Hosted Exchange licences than the partner holds (500). */
    static ObjectNode swedishCustomerAskingForMoreLicencesThanInStock() {
        ObjectNode request = swedishCustomerWithHostedServices();
        ArrayNode plans = (ArrayNode) request.get("plans");
        ((ObjectNode) plans.get(1)).put("units", 600);
        return request;
    }

    static ObjectNode dutchRequestFullOfMistakes() {
        return example("onboarding-nl-invalid.json");
    }

    private static ObjectNode example(String file) {
        Path examples = Path.of(System.getProperty("provisio.examples", "../docs/examples"));
        try {
            return (ObjectNode) Api.JSON.readTree(Files.readString(examples.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
