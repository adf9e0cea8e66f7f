package io.provisio.passwords;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the policy against passwords people really choose when an onboarding form asks for one, for
 * Bengt Testsson of Testbolag Göteborg AB (the inputs customer-service and identity-service pass).
 */
class PasswordPolicyTest {

    static final List<String> BENGT = List.of("bengt.testsson", "Bengt", "Testsson", "Bengt Testsson",
            "bengt.testsson@testbolag.se", "testbolag", "Testbolag Göteborg AB");

    final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {
            // The company name with a year, plain, shouted, or in leetspeak.
            "Testbolag2024!", "Testbolag2025!!", "TESTBOLAG-2026", "T3stb0lag2026!", "Testb0lag!2025",
            "Testbolag Göteborg 2024", "testbolag.se2024",
            // Keyboard walks, also with Shift held on the digit row and on a German layout.
            "qwertyuiop123", "Qwertyuiop123!", "1qaz2wsx3edc4rfv", "!QAZ2wsx#EDC4rfv", "asdfghjkl;'123",
            "zxcvbnm,./123", "qwertzuiop2024", "Qwerty!Qwerty!",
            // The seeds' "xq12345" style: two letters and a run of digits, repeated or stretched.
            "xq12345xq12345", "Xq12345!Xq12345!", "xq123456789012", "Xq12345Xq12345", "zq98765zq98765",
            // The person's own names and addresses with digits.
            "Bengt.Testsson1", "BengtTestsson2024", "Testsson!2024!", "Bengt1234567!", "bengt.testsson@testbolag.se",
            "B3ngt.T3stss0n!",
            // Classics that pass a naive score check.
            "P@ssw0rd2024!!", "Password123456", "Welcome2024!!", "Summer2024!Summer", "123456789012",
            "aaaaaaaaaaaa", "abcdefghijkl", "iloveyou2024!!"})
    void rejectsRealWorldWeakPattern(String password) {
        assertThat(policy.reject(password, BENGT)).as(password).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "correct horse battery staple", "vinter-kaffe-Tromsø-47", "blue-otter-quietly-7-sing",
            "fJ8#kQ2!zX9@mN4&", "Kajak+Moln+Sill+Brygga", "Città di Castello ama il vento 9",
            "Testbolag-blue-otter-quietly-sing", "9vR!pT3#wK6$zL1m"})
    void acceptsStrongPassphrasesAndGeneratedPasswords(String password) {
        assertThat(policy.reject(password, BENGT)).as(password).isEmpty();
    }

    @Test
    void rejectsShortPasswordSayingHowLongItMustBe() {
        assertThat(policy.reject("Xk9#mQ2!vT", BENGT)).contains("must be at least 12 characters");
    }

    @Test
    void rejectsPasswordLongerThanBcryptCanHash() {
        assertThat(policy.reject("Ω".repeat(37), BENGT)).contains("must be at most 72 bytes in UTF-8");
    }

    @Test
    void countsCharactersNotBytesForTheMinimum() {
        assertThat(policy.reject("ØÆÅøæåÖÄÜöäü", List.of())).isNotEqualTo(
                java.util.Optional.of("must be at least 12 characters"));
    }

    @Test
    void explainsWhyWithoutEchoingThePassword() {
        String password = "Testbolag2024!";

        assertThat(policy.reject(password, BENGT)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("is too easy to guess").doesNotContainIgnoringCase("testbolag").doesNotContain("2024"));
    }

    @Test
    void namesTheOwnWordsWhenThePasswordIsBuiltOnThem() {
        assertThat(policy.reject("BengtTestsson2024", BENGT))
                .contains("is too easy to guess: it is built on the name of the person or the organization");
    }

    @Test
    void acceptsThePasswordThatTheOwnWordsWouldBreakForSomeoneElse() {
        assertThat(policy.reject("Testsson-Bengt-1987!!", List.of())).isEmpty();
        assertThat(policy.reject("Testsson-Bengt-1987!!", BENGT)).isPresent();
    }

    @Test
    void ignoresMissingInputs() {
        assertThat(policy.reject("vinter-kaffe-Tromsø-47", java.util.Arrays.asList(null, "", " "))).isEmpty();
        assertThat(policy.reject("vinter-kaffe-Tromsø-47", null)).isEmpty();
    }

    @Test
    void survivesCharactersWhoseLowerCaseIsLonger() {
        assertThat(policy.reject("İstanbul-kaffe-Tromsø-47", BENGT)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Testbolag2024!", "qwertyuiop123", "Xq12345!Xq12345!", "BengtTestsson2024", "short",
            "P@ssw0rd2024!!", "aaaaaaaaaaaa", "correct horse battery staple", "fJ8#kQ2!zX9@mN4&",
            "Testbolag-blue-otter-quietly-sing", "Xk9#mQ2!vT", ""})
    void listsRuleFailuresExactlyWhenItRejects(String password) {
        assertThat(policy.failures(password, BENGT).isEmpty()).as(password)
                .isEqualTo(policy.reject(password, BENGT).isEmpty());
    }

    @Test
    void listsEveryRuleAShortGuessablePasswordBreaks() {
        assertThat(policy.failures("bengt2024", BENGT)).contains(PasswordPolicy.Rule.MIN_LENGTH,
                PasswordPolicy.Rule.NOT_OWN_WORDS).doesNotContain(PasswordPolicy.Rule.MAX_BYTES);
        assertThat(policy.failures("abc", List.of())).containsExactly(PasswordPolicy.Rule.MIN_LENGTH,
                PasswordPolicy.Rule.NOT_GUESSABLE);
    }

    @Test
    void namesThePatternRuleForKeyboardWalksAndTheOwnWordsRuleForNames() {
        assertThat(policy.failures("1qaz2wsx3edc4rfv", BENGT)).doesNotContain(PasswordPolicy.Rule.NOT_OWN_WORDS)
                .containsAnyOf(PasswordPolicy.Rule.NOT_PATTERNS, PasswordPolicy.Rule.NOT_GUESSABLE);
        assertThat(policy.failures("BengtTestsson2024", BENGT)).contains(PasswordPolicy.Rule.NOT_OWN_WORDS);
        assertThat(policy.failures("Ω".repeat(37), BENGT)).containsExactly(PasswordPolicy.Rule.MAX_BYTES);
    }
}
