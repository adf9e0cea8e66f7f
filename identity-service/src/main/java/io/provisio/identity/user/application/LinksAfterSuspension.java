package io.provisio.identity.user.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.provisio.identity.IdentityProperties;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.Suspension;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.identity.user.persistence.ActivationLinkStore;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A resumed customer's activation links (ADR 017). While a customer is suspended its users cannot activate,
 * so a link that expired meanwhile was never usable to its end: on the resume identity, which owns the
 * tokens, gives each such INVITED user a new link and asks notification-service for its e-mail, in the same
 * write, exactly as a partner's resend does. notification-service cancels the held e-mail of the dead link
 * instead of sending it; the new e-mail supersedes it anyway.
 *
 * <p>Safe to repeat and to run late: it acts only while the resume is still the latest event recorded, and a
 * user whose link was replaced has an unexpired one, so a redelivered resume finds nothing more to do.
 */
@Component
public class LinksAfterSuspension {

    private static final Logger log = LoggerFactory.getLogger(LinksAfterSuspension.class);
    private static final int ATTEMPTS = 5;

    private final UserQueries users;
    private final ActivationLinkStore activations;
    private final OrganizationStore organizations;
    private final IdentityMessages messages;
    private final IdentityProperties properties;
    private final Clock clock;

    LinksAfterSuspension(UserQueries users, ActivationLinkStore activations, OrganizationStore organizations,
                         IdentityMessages messages,
                         IdentityProperties properties, Clock clock) {
        this.users = users;
        this.activations = activations;
        this.organizations = organizations;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Re-issues the links of the customer's INVITED users that died during the suspension this resume ended.
     * Nothing when the record holds a later event than {@code resumedAt} (a newer suspension: the next resume
     * does it) or none at all.
     *
     * @return how many links this call re-issued
     */
    public int reissueExpired(String partnerId, String customerId, Instant resumedAt) {
        Optional<Suspension> recorded = organizations.suspension(customerId)
                .filter(s -> !s.suspended() && s.at().equals(resumedAt.truncatedTo(ChronoUnit.MILLIS)));
        Optional<Organization> organization = organizations.find(customerId).filter(o -> o.visibleTo(partnerId));
        if (recorded.isEmpty() || organization.isEmpty()) {
            return 0;
        }
        int reissued = 0;
        for (User user : users.byCustomer(partnerId, customerId)) {
            if (reissue(user, organization.get(), recorded.get())) {
                reissued++;
            }
        }
        if (reissued > 0) {
            log.info("Customer {} resumed as of {}: {} activation link(s) that expired meanwhile re-issued",
                    customerId, resumedAt, reissued);
        }
        return reissued;
    }

    /** One user: compare-and-set on the link read, read again when someone changed it meanwhile. */
    private boolean reissue(User user, Organization organization, Suspension suspension) {
        User current = user;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (current.status() != UserStatus.INVITED || current.activation() == null
                    || !suspension.killed(current.activation().expiresAt())) {
                return false;
            }
            ActivationToken.Issued link = ActivationToken.issue(clock.instant(), properties.activationTtl());
            if (activations.replaceActivation(current, link.stored(),
                    List.of(messages.activationEmail(current, organization, link)))) {
                return true;
            }
            Optional<User> again = users.find(current.id());
            if (again.isEmpty()) {
                return false;
            }
            current = again.get();
        }
        throw new IllegalStateException("user " + user.id() + " kept changing while its link was re-issued");
    }
}
