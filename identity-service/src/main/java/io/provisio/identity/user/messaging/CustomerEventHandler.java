package io.provisio.identity.user.messaging;

import java.time.Instant;

import io.provisio.customer.contracts.CustomerResumed;
import io.provisio.customer.contracts.CustomerSuspended;
import io.provisio.identity.user.application.LinksAfterSuspension;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code customer-events}: CustomerSuspended / CustomerResumed mark identity's record of the customer. One
 * conditional write per event that keeps the latest instant, so a redelivery or an older event arriving late
 * changes nothing (idempotent and order-safe without remembering message ids). A resume then re-issues the
 * activation links that expired during the suspension ({@link LinksAfterSuspension}, ADR 017); that runs on a
 * redelivery too, so a crash between the two writes loses nothing, and finds nothing left to do otherwise.
 */
@Component
class CustomerEventHandler {

    static final String CUSTOMER_SUSPENDED = "CustomerSuspended";
    static final String CUSTOMER_RESUMED = "CustomerResumed";

    private static final Logger log = LoggerFactory.getLogger(CustomerEventHandler.class);

    private final MessageCodec codec;
    private final OrganizationStore organizations;
    private final LinksAfterSuspension links;

    CustomerEventHandler(MessageCodec codec, OrganizationStore organizations, LinksAfterSuspension links) {
        this.codec = codec;
        this.organizations = organizations;
        this.links = links;
    }

    void handle(Envelope event) {
        switch (event.type()) {
            case CUSTOMER_SUSPENDED -> {
                CustomerSuspended suspended = codec.payload(event, CustomerSuspended.class);
                record(event, suspended.customerId(), true, suspended.suspendedAt());
            }
            case CUSTOMER_RESUMED -> {
                CustomerResumed resumed = codec.payload(event, CustomerResumed.class);
                record(event, resumed.customerId(), false, resumed.resumedAt());
                links.reissueExpired(event.partnerId(), resumed.customerId(), resumed.resumedAt());
            }
            // The channel carries other customer events identity has no use for.
            default -> log.debug("Ignoring {} {} on customer-events", event.type(), event.messageId());
        }
    }

    private void record(Envelope event, String customerId, boolean suspended, Instant at) {
        if (customerId == null || at == null || event.partnerId() == null) {
            throw new MalformedMessageException(event.type() + " " + event.messageId()
                    + " lacks customerId, its instant or the partner");
        }
        if (organizations.recordSuspension(customerId, event.partnerId(), suspended, at)) {
            log.info("Customer {} {} as of {}", customerId, suspended ? "suspended" : "resumed", at);
            return;
        }
        boolean known = organizations.find(customerId).map(Organization::partnerId)
                .filter(event.partnerId()::equals).isPresent();
        if (known) {
            log.info("Ignoring {} {} of customer {}: a record as of {} or later is kept", event.type(),
                    event.messageId(), customerId, at);
        } else {
            // Not onboarded here (or another partner's id): nothing of ours to mark.
            log.info("Ignoring {} {}: customer {} of partner {} is unknown", event.type(), event.messageId(),
                    customerId, event.partnerId());
        }
    }
}
