package io.provisio.customer.customers.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * How the customers list finds a customer by any of its names ignoring case and accents: account name, company name
 * and external code folded to lower-case ASCII, one per line; a query is folded the same way.
 */
public final class SearchKey {

    /** Letters that Unicode does not decompose into a base letter and a mark. */
    private static final Map<String, String> FOLDS = Map.of("ø", "o", "æ", "ae", "œ", "oe", "ß", "ss", "đ", "d",
            "ł", "l", "þ", "th", "ı", "i");

    private SearchKey() {
    }

    public static String of(String accountName, String companyName, String externalCode) {
        StringBuilder key = new StringBuilder();
        for (String part : new String[] {accountName, companyName, externalCode}) {
            if (part != null) {
                key.append(fold(part)).append('\n');
            }
        }
        return key.toString();
    }

    /** Lower-case, accents removed: "Fjällbacka" and "Tromsø" become "fjallbacka" and "tromso". */
    public static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> fold : FOLDS.entrySet()) {
            lower = lower.replace(fold.getKey(), fold.getValue());
        }
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }
}
