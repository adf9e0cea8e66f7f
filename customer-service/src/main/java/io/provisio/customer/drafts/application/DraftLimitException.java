package io.provisio.customer.drafts.application;

/** The partner already keeps as many drafts as one partner may. */
public class DraftLimitException extends RuntimeException {

    DraftLimitException(int limit) {
        super("a partner keeps at most " + limit + " drafts");
    }
}
