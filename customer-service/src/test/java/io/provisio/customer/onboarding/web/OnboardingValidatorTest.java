package io.provisio.customer.onboarding.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import io.provisio.platform.web.FieldError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The request's bounds on lists (ADR 012): a list over its bound is one error, every other mistake still shows. */
class OnboardingValidatorTest {

    static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    final OnboardingValidator validator = new OnboardingValidator(VALIDATION.getValidator(),
            Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC));

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void acceptsListsUpToTheirBounds() {
        assertThat(validator.problems(request(OnboardingRequestBody.MAX_DOMAINS, OnboardingRequestBody.MAX_CONTACTS,
                OnboardingRequestBody.MAX_PLANS, "sv-SE"))).isEmpty();
    }

    @Test
    void namesEveryListOverItsBoundOnceAndStillReportsTheOtherMistakes() {
        List<FieldError> problems = validator.problems(request(21, 51, 51, "swedish"));

        assertThat(problems).extracting(FieldError::field)
                .containsExactly("contacts", "customer.domains", "customer.locale", "plans");
        assertThat(problems).filteredOn(e -> e.field().equals("contacts")).singleElement()
                .extracting(FieldError::message).isEqualTo("must have at most 50 entries");
        assertThat(problems).filteredOn(e -> e.field().equals("customer.domains")).singleElement()
                .extracting(FieldError::message).isEqualTo("must have at most 20 entries");
    }

    /** Valid but for the list lengths and the locale; the last contact and every plan after the first are bad. */
    private static OnboardingRequestBody request(int domains, int contacts, int plans, String locale) {
        OnboardingRequestBody.Customer customer = new OnboardingRequestBody.Customer("testbolag", "Testbolag AB",
                null, null, new OnboardingRequestBody.Address(null, "Göteborg", null, null, "SE"), null, null, null,
                locale, IntStream.range(0, domains).mapToObj(i -> "d" + i + ".testbolag.se").toList(), null);
        OnboardingRequestBody.Administrator administrator = new OnboardingRequestBody.Administrator("bengt.testsson",
                "Bengt", "Testsson", null, "bengt@testbolag.se", null, null, null, null);
        List<OnboardingRequestBody.Contact> people = IntStream.range(0, contacts).mapToObj(i ->
                new OnboardingRequestBody.Contact("SITE_ADMIN", "Åsa " + i,
                        i == OnboardingRequestBody.MAX_CONTACTS ? "not-an-address" : "asa" + i + "@testbolag.se",
                        null)).toList();
        List<OnboardingRequestBody.Plan> asked = plans <= OnboardingRequestBody.MAX_PLANS
                ? IntStream.range(0, plans).mapToObj(i -> new OnboardingRequestBody.Plan("PLAN-" + i, 1, null)).toList()
                : Collections.nCopies(plans, new OnboardingRequestBody.Plan("HOSTED-EXCHANGE", 0, null));
        return new OnboardingRequestBody(customer, administrator, people, asked, null, false);
    }
}
