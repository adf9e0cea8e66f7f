package io.provisio.identity.user.web;

import io.provisio.identity.user.application.Activation;
import io.provisio.identity.user.application.UserAccounts;
import io.provisio.identity.user.domain.User;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The activation link's target. No bearer token: the link's one-time token is the credential. The answer
 * gives the person the sign-in name they now have, and nothing else.
 */
@RestController
class ActivationController {

    private final UserAccounts accounts;

    ActivationController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/activation")
    Activated activate(@RequestBody Activation request) {
        User user = accounts.activate(request);
        return new Activated(user.upn(), user.status().name());
    }

    record Activated(String upn, String status) {
    }
}
