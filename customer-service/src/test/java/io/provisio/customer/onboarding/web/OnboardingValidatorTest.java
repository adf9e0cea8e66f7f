package io.provisio.customer.onboarding.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
import static org.assertj.core.api.Assertions.tuple;

/**
 * The request's bounds on lists (ADR 012): a list over its bound is one error, every other mistake still shows. The
 * setup's rules (ADR 023) join the same answer.
 */
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

    @Test
    void acceptsSetupDelegatedToAContactFromToday() {
        assertThat(validator.problems(withSetup(new OnboardingRequestBody.Setup("DELEGATE", "it@testbolag.se",
                LocalDate.parse("2026-12-01"))))).isEmpty();
        assertThat(validator.problems(withSetup(new OnboardingRequestBody.Setup("PARTNER", null, null)))).isEmpty();
    }

    @Test
    void reportsEverySetupMistakeAtOnce() {
        List<FieldError> wrongWho = validator.problems(withSetup(new OnboardingRequestBody.Setup("SOMEONE",
                "not-an-address", LocalDate.parse("2026-11-30"))));
        List<FieldError> noContact = validator.problems(withSetup(new OnboardingRequestBody.Setup("CUSTOMER", " ",
                LocalDate.parse("2028-01-01"))));

        assertThat(wrongWho).extracting(FieldError::field, FieldError::message).containsExactly(
                tuple("setup.by", "must be PARTNER, DELEGATE or CUSTOMER"),
                tuple("setup.contactEmail", "must be a valid e-mail address"),
                tuple("setup.startDate", "must be today or later"));
        assertThat(noContact).extracting(FieldError::field, FieldError::message).contains(
                tuple("setup.contactEmail", "is required when setup is by CUSTOMER"),
                tuple("setup.startDate", "must be at most one year ahead"));
        assertThat(validator.problems(withSetup(new OnboardingRequestBody.Setup(null, null, null))))
                .extracting(FieldError::field).containsExactly("setup.by");
    }

    private static OnboardingRequestBody withSetup(OnboardingRequestBody.Setup setup) {
        OnboardingRequestBody valid = request(1, 1, 1, "sv-SE");
        return new OnboardingRequestBody(valid.customer(), valid.administrator(), valid.contacts(), valid.plans(),
                null, false, setup);
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
