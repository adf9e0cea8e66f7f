package io.provisio.customer.drafts.application;

/** A change made from a version of the draft that is no longer its latest: someone else saved in between. */
public class StaleDraftException extends RuntimeException {

    private final transient long currentVersion;

    StaleDraftException(String id, long currentVersion) {
        super("draft " + id + " is at version " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
