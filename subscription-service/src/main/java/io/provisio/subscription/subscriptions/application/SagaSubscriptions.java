package io.provisio.subscription.subscriptions.application;

import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.persistence.SagaSubscriptionStore;
import io.provisio.subscription.subscriptions.persistence.SubscriptionQueries;
import org.springframework.stereotype.Service;

/** The subscriptions of the ASSIGN_PLANS step: created once per saga and plan, deleted by its compensation. */
@Service
public class SagaSubscriptions {

    private final SagaSubscriptionStore store;
    private final SubscriptionQueries queries;

    SagaSubscriptions(SagaSubscriptionStore store, SubscriptionQueries queries) {
        this.store = store;
        this.queries = queries;
    }

    /** A redone action answers with what the first run stored, not with a second opinion. */
    public Subscription createIfMissing(Subscription fresh) {
        return store.insertIfMissing(fresh) ? fresh : queries.find(fresh.id()).orElse(fresh);
    }

    /** @return how many of the saga's subscriptions were still there */
    public long deleteOfSaga(String partnerId, String sagaId) {
        return store.deleteOfSaga(partnerId, sagaId);
    }
}
