package io.provisio.customer.onboarding.application;

/** A live onboarding or customer of the same partner already holds the account name. */
public class AccountNameTakenException extends RuntimeException {

    public AccountNameTakenException(String accountName) {
        super("account name " + accountName + " is taken");
    }
}
