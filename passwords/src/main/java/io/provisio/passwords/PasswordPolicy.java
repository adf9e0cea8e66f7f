package io.provisio.passwords;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

/**
 * The one password policy of the suite, used wherever a plain password arrives (onboarding, a new user,
 * activation): at least 12 characters, at most 72 bytes (bcrypt's limit), and not guessable.
 *
 * <p>"Not guessable" is zxcvbn (score at least {@link #MIN_SCORE}) with the person's and the organization's
 * own words (username, names, e-mail, account and company name) counted against it, plus what zxcvbn
 * underrates in the passwords partners actually type (see the unit test for the list):
 * <ol>
 *   <li>the same password with its disguises taken off (lower case, {@code !@#} typed as {@code 123},
 *       leetspeak {@code 0→o 3→e @→a}) must pass too: {@code P@ssw0rd2024!!}, {@code !QAZ2wsx#EDC4rfv};</li>
 *   <li>with the own words, years, sequences, keyboard walks and repetitions cut out, what is left must pass
 *       on its own: {@code Testsson!2024!}, {@code BengtTestsson2024}, {@code Welcome2024!!},
 *       {@code xq123456789012}, {@code Xq12345!Xq12345!}.</li>
 * </ol>
 * The answer says why, never what the password was. Thread-safe.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;
    /** zxcvbn's 0..4 scale: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
    public static final int MIN_SCORE = 3;

    /** Own words shorter than this are too common to cut out ("ab", "it"). */
    private static final int MIN_WORD = 4;
    /** Sequences and keyboard walks from this length are cut out as predictable. */
    private static final int MIN_RUN = 4;

    private static final String[] KEYBOARD_ROWS = {
            "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "yxcvbnm", "azertyuiop", "wxcvbn",
            "1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "qazwsxedcrfvtgbyhnujm"};
    private static final String SHIFTED_DIGITS = ")!@#$%^&*(";
    private static final String OWN_WORDS =
            "is too easy to guess: it is built on the name of the person or the organization";
    private static final String PATTERNS =
            "is too easy to guess: it is mostly a year, sequence, keyboard walk or repetition";
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    private static final Pattern SAME_CHARACTER = Pattern.compile("(.)\\1{2,}");

    private final Zxcvbn zxcvbn = new Zxcvbn();

    /**
     * The rules a password is judged by, in the order {@link #reject} reports them. A page or script that shows
     * the rules names them by these constants; every rule's verdict comes from {@link #failures}, so what a
     * person is shown and what the server decides are one computation.
     */
    public enum Rule {
        /** At least {@link #MIN_LENGTH} characters. */
        MIN_LENGTH,
        /** At most {@link #MAX_BYTES} bytes in UTF-8 (bcrypt's limit). */
        MAX_BYTES,
        /** Not built on the person's or the organization's own words. */
        NOT_OWN_WORDS,
        /** Not mostly a year, sequence, keyboard walk or repetition. */
        NOT_PATTERNS,
        /** Not guessable by other means (zxcvbn score at least {@link #MIN_SCORE}, also undisguised). */
        NOT_GUESSABLE
    }

    /** Every rule's verdict and the one reason {@link #reject} gives: both from one evaluation. */
    private record Verdict(List<Rule> failed, Optional<String> reason) {
    }

    /**
     * @param userInputs words of the person and organization; {@code null}s are ignored, e-mails and
     *                   names are split into their parts
     * @return why the password is refused, or empty when it is acceptable
     */
    public Optional<String> reject(String password, Collection<String> userInputs) {
        return evaluate(password, userInputs).reason();
    }

    /**
     * Every rule the password breaks, at once (for a page that lists them); empty exactly when {@link #reject}
     * accepts the password.
     */
    public List<Rule> failures(String password, Collection<String> userInputs) {
        return evaluate(password, userInputs).failed();
    }

    private Verdict evaluate(String password, Collection<String> userInputs) {
        String given = password == null ? "" : password;
        List<Rule> failed = new ArrayList<>();
        String reason = null;
        if (given.codePointCount(0, given.length()) < MIN_LENGTH) {
            failed.add(Rule.MIN_LENGTH);
            reason = "must be at least " + MIN_LENGTH + " characters";
        }
        if (given.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            // Nothing more is measured: zxcvbn's cost grows with the length, and this is refused anyway.
            failed.add(Rule.MAX_BYTES);
            return new Verdict(List.copyOf(failed), Optional.of(reason != null ? reason
                    : "must be at most " + MAX_BYTES + " bytes in UTF-8"));
        }
        if (given.isEmpty()) {
            return new Verdict(List.of(Rule.MIN_LENGTH, Rule.NOT_GUESSABLE), Optional.of(reason));
        }
        List<String> words = words(userInputs);
        Strength strength = zxcvbn.measure(given, words);
        Strength weakest = strength.getScore() < MIN_SCORE ? strength : null;
        if (weakest == null) {
            Strength plain = zxcvbn.measure(undisguise(given), words);
            weakest = plain.getScore() < MIN_SCORE ? plain : null;
        }
        if (weakest != null) {
            String why = tooEasy(weakest, given, words);
            failed.add(OWN_WORDS.equals(why) ? Rule.NOT_OWN_WORDS : Rule.NOT_GUESSABLE);
            reason = reason != null ? reason : why;
        }
        Optional<String> predictable = predictableParts(given, words);
        if (predictable.isPresent()) {
            Rule rule = OWN_WORDS.equals(predictable.get()) ? Rule.NOT_OWN_WORDS : Rule.NOT_PATTERNS;
            if (!failed.contains(rule)) {
                failed.add(rule);
            }
            reason = reason != null ? reason : predictable.get();
        }
        List<Rule> ordered = java.util.Arrays.stream(Rule.values()).filter(failed::contains).toList();
        return new Verdict(ordered, Optional.ofNullable(reason));
    }

    /** Rule 2: cut out what an attacker tries first and measure what remains. */
    private Optional<String> predictableParts(String password, List<String> words) {
        String typed = unshift(password);
        String plain = undisguise(password);
        boolean[] cut = new boolean[password.length()];
        boolean ownWords = false;
        for (String word : words) {
            if (word.length() >= MIN_WORD) {
                ownWords |= cutAll(cut, typed, word) | cutAll(cut, plain, undisguise(word));
            }
        }
        boolean[] beforePatterns = cut.clone();
        cutRepetition(cut, typed);
        for (Pattern pattern : new Pattern[] {YEAR, SAME_CHARACTER}) {
            for (String view : new String[] {typed, plain}) {
                Matcher matcher = pattern.matcher(view);
                while (matcher.find()) {
                    Arrays.fill(cut, matcher.start(), matcher.end(), true);
                }
            }
        }
        cutRuns(cut, typed);
        cutRuns(cut, plain);
        boolean patterns = !Arrays.equals(cut, beforePatterns);
        if (!ownWords && !patterns) {
            return Optional.empty();
        }
        StringBuilder remainder = new StringBuilder();
        for (int i = 0; i < password.length(); i++) {
            if (!cut[i]) {
                remainder.append(password.charAt(i));
            }
        }
        if (remainder.isEmpty() || zxcvbn.measure(remainder.toString(), words).getScore() < MIN_SCORE) {
            return Optional.of(ownWords ? OWN_WORDS : PATTERNS);
        }
        return Optional.empty();
    }

    private static boolean cutAll(boolean[] cut, String text, String word) {
        boolean found = false;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            Arrays.fill(cut, at, at + word.length(), true);
            found = true;
        }
        return found;
    }

    /**
     * {@code xq12345!xq12345!} counts as one {@code xq12345!}, {@code Summer!Summer} as one {@code Summer}:
     * a part of at least {@link #MIN_RUN} characters seen before is cut the second time.
     */
    private static void cutRepetition(boolean[] cut, String text) {
        for (int at = MIN_RUN; at + MIN_RUN <= text.length(); at++) {
            for (int end = text.length(); end - at >= MIN_RUN; end--) {
                if (text.substring(0, at).contains(text.substring(at, end))) {
                    Arrays.fill(cut, at, end, true);
                    break;
                }
            }
        }
    }

    /**
     * Lower case with {@code !@#...} as the digits they are shifted from: {@code !QAZ2wsx} is {@code 1qaz2wsx}.
     * Character by character, so every view of the password has its length and positions.
     */
    private static String unshift(String text) {
        StringBuilder typed = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            c = Character.toLowerCase(c);
            int shifted = SHIFTED_DIGITS.indexOf(c);
            typed.append(shifted >= 0 ? (char) ('0' + shifted) : c);
        }
        return typed.toString();
    }

    /** Unshifted, and common leetspeak read as letters: {@code P@ssw0rd} is {@code password}. Same length. */
    static String undisguise(String text) {
        StringBuilder plain = new StringBuilder(text.length());
        for (char c : unshift(text).toCharArray()) {
            plain.append(switch (c) {
                case '0' -> 'o';
                case '1' -> 'i';
                case '3' -> 'e';
                case '4' -> 'a';
                case '5' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return plain.toString();
    }

    /**
     * Cuts out alphabetic or numeric sequences ({@code 6789}, {@code fedc}) and keyboard walks
     * ({@code qwer}, {@code 1qaz}) of at least {@link #MIN_RUN} characters.
     */
    private static void cutRuns(boolean[] cut, String text) {
        for (int start = 0; start < text.length(); start++) {
            int end = runEnd(text, start);
            if (end - start >= MIN_RUN) {
                Arrays.fill(cut, start, end, true);
            }
        }
    }

    /** Where the longest sequence or keyboard walk starting at {@code start} ends (exclusive). */
    private static int runEnd(String text, int start) {
        int best = start + 1;
        for (int step : new int[] {1, -1}) {
            int end = start + 1;
            while (end < text.length() && text.charAt(end) - text.charAt(end - 1) == step
                    && Character.isLetterOrDigit(text.charAt(end))) {
                end++;
            }
            best = Math.max(best, end);
        }
        for (String row : KEYBOARD_ROWS) {
            for (String line : new String[] {row, new StringBuilder(row).reverse().toString()}) {
                int at = line.indexOf(text.charAt(start));
                if (at < 0) {
                    continue;
                }
                int end = start + 1;
                while (end < text.length() && at + (end - start) < line.length()
                        && text.charAt(end) == line.charAt(at + (end - start))) {
                    end++;
                }
                best = Math.max(best, end);
            }
        }
        return best;
    }

    private static List<String> words(Collection<String> inputs) {
        List<String> words = new ArrayList<>();
        for (String input : inputs == null ? List.<String>of() : inputs) {
            if (input == null || input.isBlank()) {
                continue;
            }
            String lower = input.toLowerCase(Locale.ROOT).strip();
            words.add(lower);
            words.add(lower.replaceAll("[@.\\s_\\-&,]+", ""));
            Arrays.stream(lower.split("[@.\\s_\\-&,]+")).filter(w -> w.length() >= 3).forEach(words::add);
        }
        return words.stream().filter(w -> !w.isBlank()).distinct().toList();
    }

    /** The person's own words are the likeliest cause and the most useful thing to say; else zxcvbn's warning. */
    private static String tooEasy(Strength strength, String password, List<String> words) {
        String plain = undisguise(password);
        boolean ownWords = words.stream().filter(w -> w.length() >= MIN_WORD)
                .anyMatch(w -> unshift(password).contains(w) || plain.contains(undisguise(w)));
        if (ownWords) {
            return OWN_WORDS;
        }
        String warning = strength.getFeedback().getWarning(Locale.ENGLISH);
        return warning == null || warning.isBlank() ? "is too easy to guess" : "is too easy to guess: "
                + lowerFirst(warning.strip());
    }

    private static String lowerFirst(String text) {
        String trimmed = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return Character.toLowerCase(trimmed.charAt(0)) + trimmed.substring(1);
    }
}
