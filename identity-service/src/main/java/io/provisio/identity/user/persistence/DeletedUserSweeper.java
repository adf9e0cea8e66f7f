package io.provisio.identity.user.persistence;

import io.provisio.identity.IdentityProperties;
import io.provisio.platform.time.PeriodicWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

/**
 * Removes the tombstones of deleted users once the relay has their UserDeleted confirmed. It keeps no
 * state: every replica may run it, and each round simply deletes whatever is ready by then. One delete per document,
 * evaluated atomically against its outbox, so a tombstone whose event is still waiting is never removed.
 */
@Component
class DeletedUserSweeper extends PeriodicWorker {

    private static final Logger log = LoggerFactory.getLogger(DeletedUserSweeper.class);

    private final UserDocuments users;

    DeletedUserSweeper(UserDocuments users, IdentityProperties properties) {
        // Stops before the MongoDB client goes away.
        super("deleted-user-sweeper", properties.deletedUserSweep(), Integer.MAX_VALUE - 200);
        this.users = users;
    }

    @Override
    protected void round() {
        long removed = users.collection().deleteMany(and(eq("deleted", true), exists("outbox.0", false)))
                .getDeletedCount();
        if (removed > 0) {
            log.debug("Removed {} tombstone(s) of deleted users", removed);
        }
    }
}
