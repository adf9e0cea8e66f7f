package io.provisio.customer.customers.store;

import java.time.Clock;
import java.util.List;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.CustomerResumed;
import io.provisio.customer.contracts.CustomerSuspended;
import io.provisio.customer.customers.domain.Customer;
import io.provisio.customer.customers.domain.CustomerEvent;
import io.provisio.customer.customers.domain.CustomerStatus;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

/**
 * The changes a partner asks for, as the {@link Customer} aggregate decided them ({@link CustomerDocuments}): each is
 * one conditional write on what the decision was made on, so a concurrent writer makes it miss instead of being
 * overwritten. A status change writes its event to the document's outbox in the same update.
 */
@Component
public class CustomerChanges {

    private final CustomerDocuments documents;
    private final Clock clock;
    private final OutboxStore outbox;
    private final MessageCodec codec;

    CustomerChanges(MongoTemplate mongo, Clock clock, OutboxStore outbox, MessageCodec codec) {
        this.documents = new CustomerDocuments(mongo);
        this.clock = clock;
        this.outbox = outbox;
        this.codec = codec;
    }

    /**
     * Writes a status change the aggregate decided, with its event for the other services in the same write, if
     * the customer is still in the status it was decided on.
     *
     * @return false when another writer changed the status first (read again and decide again)
     */
    public boolean changeStatus(Customer decidedOn, CustomerStatus to, CustomerEvent event) {
        var message = switch (event) {
            case CustomerEvent.Suspended suspended -> new CustomerSuspended(suspended.customerId(), suspended.at());
            case CustomerEvent.Resumed resumed -> new CustomerResumed(resumed.customerId(), resumed.at());
        };
        return outbox.updateWhere(CustomerStore.COLLECTION, and(eq("_id", decidedOn.id()),
                        eq("partnerId", decidedOn.partnerId()), eq("status", decidedOn.status().name())),
                documents.mapping().fields(CustomerDocument.class,
                        Update.update("status", to).set("updatedAt", clock.instant())),
                List.of(OutgoingMessage.toSubscribers(CustomerChannels.EVENTS,
                        codec.event(CustomerMessages.EVENTS, decidedOn.partnerId(), null, message))));
    }

    /**
     * Writes a patched customer's patchable fields and its search key, if nobody wrote the customer since
     * {@code decidedOn} was read (so the search key always matches the names it is made of).
     *
     * @return false when another write came first (read again and apply the patch again)
     */
    public boolean patch(Customer decidedOn, Customer patched) {
        Update changes = Update.update("companyName", patched.companyName())
                .set("externalCode", patched.externalCode())
                // As patches always wrote it: the address's missing parts left out (a registration writes them null).
                .set("address", patched.address() == null ? null : documents.mapping().document(patched.address()))
                .set("businessType", patched.businessType())
                .set("locale", patched.locale())
                .set("emergencyContactEmail", patched.emergencyContactEmail())
                .set("searchKey", patched.searchKey())
                .set("updatedAt", clock.instant())
                .inc("version", 1L);
        // Customers registered before versions were written have none: version 0 is "no version yet".
        Bson version = decidedOn.version() == 0L ? or(eq("version", 0L), eq("version", null))
                : eq("version", decidedOn.version());
        return documents.collection().updateOne(and(eq("_id", decidedOn.id()), eq("partnerId", decidedOn.partnerId()),
                version), documents.update(changes)).getModifiedCount() == 1;
    }
}
