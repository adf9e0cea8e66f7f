package io.provisio.notification.setup.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A customer's setup timer as stored: which cadence step is due next and when. The token of the setup link stays
 * here, outside anything the API shows, only while the timer runs; completion or the final escalation removes it.
 *
 * @param to           who gets "Configure now" and the reminders
 * @param partnerEmail who gets the escalations; {@code null} when the partner has no notification address
 * @param model        what the e-mails show (company, account and partner name, start date, link expiry)
 * @param start        when step 0 fell due; every step is counted from it
 * @param step         the next step to run, an index into {@link SetupCadence#steps()}
 */
public record SetupTimer(
        String customerId,
        String partnerId,
        String by,
        String to,
        String partnerEmail,
        String language,
        Map<String, Object> model,
        String token,
        Instant start,
        int step,
        Instant dueAt,
        Instant escalatedAt) {

    public SetupTimer {
        model = Map.copyOf(model);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "SetupTimer[customerId=" + customerId + ", step=" + step + ", dueAt=" + dueAt + "]";
    }
}
