package io.provisio.identity.user.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.provisio.customer.contracts.CompleteSetup;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.SubdomainAnswer;
import io.provisio.customer.contracts.SubdomainAvailability;
import io.provisio.customer.contracts.SubdomainClaimed;
import io.provisio.customer.contracts.SubdomainNames;
import io.provisio.customer.contracts.SubdomainTaken;
import io.provisio.identity.IdentityProperties;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.SetupLink;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserRole;
import io.provisio.identity.user.persistence.ActivationLinkStore;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.SetupLinkStore;
import io.provisio.identity.user.persistence.UserQueries;
import io.provisio.notification.contracts.EndSetupEmails;
import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.NotificationMessages;
import io.provisio.passwords.PasswordPolicy;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * What the setup page reads and decides (ADR 023). A link is PENDING until setup is completed through it (DONE),
 * EXPIRED after its expiry, SUSPENDED while its customer is, UNKNOWN otherwise. Completing needs every confirmation
 * (the organization's details, its sub-domain, its services) and, while the onboarding's administrator has no
 * password yet, a password the same policy accepts as the activation page's; every missing piece is reported at once.
 *
 * <p>Completion is two writes: the administrator's password (the activation's own conditional write, which also
 * spends the activation link), then the setup link's, which alone decides that setup is done and carries
 * {@code CompleteSetup} (customer-service) and {@code EndSetupEmails} (notification-service) in its outbox. A crash
 * between them leaves an active administrator and a pending link: opened again, the page asks only to confirm.
 *
 * <p>The person may keep the organization's sub-domain or choose another name (ADR 026), by the API's rule for it
 * ({@link SubdomainNames}). Another name is claimed from customer-service before anything is written: taken, or no
 * answer in time, and the form comes back with that at the sub-domain and nothing written. A claim followed by a
 * crash is harmless: the same name claimed again is claimed, and the completion claims it once more.
 */
@Service
public class SetupCompletion {

    private static final Logger log = LoggerFactory.getLogger(SetupCompletion.class);

    /** The confirmations the form asks for, by their field names. */
    public static final List<String> CONFIRMATIONS = List.of("confirmDetails", "confirmSubdomain", "confirmServices");

    private final SetupLinkStore links;
    private final OrganizationStore organizations;
    private final UserQueries users;
    private final ActivationLinkStore activations;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final MessageCodec codec;
    private final IdentityProperties properties;
    private final SubdomainQuestions subdomains;
    private final Clock clock;

    SetupCompletion(SetupLinkStore links, OrganizationStore organizations, UserQueries users,
                    ActivationLinkStore activations, PasswordEncoder passwords,
                    PasswordPolicy policy, MessageCodec codec, IdentityProperties properties,
                    SubdomainQuestions subdomains, Clock clock) {
        this.subdomains = subdomains;
        this.links = links;
        this.organizations = organizations;
        this.users = users;
        this.activations = activations;
        this.passwords = passwords;
        this.policy = policy;
        this.codec = codec;
        this.properties = properties;
        this.clock = clock;
    }

    public enum State { PENDING, DONE, EXPIRED, SUSPENDED, UNKNOWN }

    /**
     * A setup link as the page shows it.
     *
     * @param administrator the onboarding's administrator while it still has no password, else {@code null}
     * @param upn           the administrator's sign-in name, when known
     * @param subdomain     the organization's platform sub-domain: claimed uniquely at onboarding, or the one setup
     *                      completed with
     */
    public record View(State state, SetupLink link, Organization organization, User administrator, String upn,
                       String subdomain) {

        /** The sub-domain's name (its first label), which the page offers to keep. */
        public String subdomainName() {
            return subdomain == null || subdomain.indexOf('.') < 0 ? subdomain
                    : subdomain.substring(0, subdomain.indexOf('.'));
        }

        public Optional<String> language() {
            return Optional.ofNullable(organization).map(Organization::language);
        }

        public boolean needsPassword() {
            return administrator != null;
        }
    }

    /**
     * What the form sent.
     *
     * @param subdomainName the sub-domain's name the person chose; {@code null} or blank keeps the current one
     */
    public record Submission(String password, String confirmation, Set<String> confirmed, String subdomainName) {

        /** Never prints the password. */
        @Override
        public String toString() {
            return "Submission[confirmed=" + confirmed + ", subdomainName=" + subdomainName + "]";
        }
    }

    /** What stands against the chosen sub-domain. */
    public enum SubdomainProblem {
        /** The name breaks the rule ({@link SubdomainNames}). */
        INVALID,
        /** Another customer holds it (or a live onboarding of the partner reserves it). */
        TAKEN,
        /** customer-service did not answer in time: nothing is known, nothing was written. */
        UNAVAILABLE
    }

    /**
     * The form's answer: done, or what is still missing (every broken rule and missing confirmation at once).
     *
     * @param subdomainName the chosen name as the form shows it again
     * @param subdomainProblem why the chosen sub-domain cannot be had, or {@code null}
     * @param suggestions   free names to try instead of a taken one
     */
    public record Outcome(View view, List<PasswordPolicy.Rule> failures, boolean mismatch, Set<String> unconfirmed,
                          String subdomainName, SubdomainProblem subdomainProblem, List<String> suggestions) {

        Outcome(View view, List<PasswordPolicy.Rule> failures, boolean mismatch, Set<String> unconfirmed,
                String subdomainName) {
            this(view, failures, mismatch, unconfirmed, subdomainName, null, List.of());
        }

        public boolean completed() {
            return view.state() == State.DONE && failures.isEmpty() && !mismatch && unconfirmed.isEmpty()
                    && subdomainProblem == null;
        }
    }

    /**
     * The live check's answer for a name (ADR 026).
     *
     * @param status      AVAILABLE, TAKEN, INVALID, or UNAVAILABLE (no answer in time)
     * @param subdomain   the full name, when the name is valid
     * @param suggestions free names to try instead of a taken one
     */
    public record SubdomainCheck(SubdomainCheckStatus status, String subdomain, List<String> suggestions) {
    }

    public enum SubdomainCheckStatus { AVAILABLE, TAKEN, INVALID, UNAVAILABLE }

    public View inspect(String token) {
        if (!ActivationToken.wellFormed(token)) {
            return new View(State.UNKNOWN, null, null, null, null, null);
        }
        Optional<SetupLink> found = links.findByHash(ActivationToken.hash(token));
        if (found.isEmpty()) {
            return new View(State.UNKNOWN, null, null, null, null, null);
        }
        SetupLink link = found.get();
        Organization organization = organizations.find(link.customerId()).filter(o -> o.visibleTo(link.partnerId()))
                .orElse(null);
        if (organization == null) {
            return new View(State.UNKNOWN, null, null, null, null, null);
        }
        Optional<User> administrator = administrator(link, organization);
        String subdomain = link.completed() && link.subdomain() != null ? link.subdomain()
                : organization.accountName() + "." + properties.platformDomain();
        String upn = administrator.map(User::upn).orElse(null);
        User pending = administrator.filter(User::activationRequired).orElse(null);
        State state = link.completed() ? State.DONE
                : link.expiredAt(clock.instant()) ? State.EXPIRED
                : organizations.isSuspended(link.customerId()) ? State.SUSPENDED : State.PENDING;
        return new View(state, link, organization, state == State.PENDING ? pending : null, upn, subdomain);
    }

    /** Every rule the password breaks for the administrator of a pending link that still needs one. */
    public List<PasswordPolicy.Rule> failures(View view, String password) {
        if (!view.needsPassword()) {
            return List.of();
        }
        List<String> words = new ArrayList<>(view.administrator().passwordWords());
        words.addAll(view.organization().passwordWords());
        return policy.failures(password == null ? "" : password, words);
    }

    /** Whether the name is free for the link's customer: its current one is, without asking. */
    public SubdomainCheck check(View view, String name) {
        String chosen = normalised(name);
        if (!SubdomainNames.valid(chosen)) {
            return new SubdomainCheck(SubdomainCheckStatus.INVALID, null, List.of());
        }
        if (chosen.equals(view.subdomainName())) {
            return new SubdomainCheck(SubdomainCheckStatus.AVAILABLE, view.subdomain(), List.of());
        }
        Optional<SubdomainAvailability> answer = subdomains.check(view.link().partnerId(), view.link().customerId(),
                chosen, properties.setupSubdomainTimeout());
        return answer.map(a -> new SubdomainCheck(a.available() ? SubdomainCheckStatus.AVAILABLE
                        : SubdomainCheckStatus.TAKEN, a.subdomain(), a.suggestions()))
                .orElseGet(() -> new SubdomainCheck(SubdomainCheckStatus.UNAVAILABLE, null, List.of()));
    }

    /** Judges the submission and, when nothing is missing, completes setup. */
    public Outcome complete(String token, Submission submission) {
        View view = inspect(token);
        String chosen = submission.subdomainName() == null || submission.subdomainName().isBlank()
                ? view.subdomainName() : normalised(submission.subdomainName());
        if (view.state() != State.PENDING) {
            return new Outcome(view, List.of(), false, Set.of(), chosen);
        }
        String password = submission.password() == null ? "" : submission.password();
        List<PasswordPolicy.Rule> failures = failures(view, password);
        boolean mismatch = view.needsPassword()
                && !password.equals(submission.confirmation() == null ? "" : submission.confirmation());
        Set<String> unconfirmed = new TreeSet<>(CONFIRMATIONS);
        unconfirmed.removeAll(submission.confirmed());
        boolean invalid = !SubdomainNames.valid(chosen);
        if (!failures.isEmpty() || mismatch || !unconfirmed.isEmpty() || invalid) {
            return new Outcome(view, failures, mismatch, unconfirmed, chosen,
                    invalid ? SubdomainProblem.INVALID : null, List.of());
        }
        String subdomain = view.subdomain();
        if (!chosen.equals(view.subdomainName())) {
            // Claimed before anything is written: taken or unanswered, and nothing is.
            Optional<SubdomainAnswer> answer = subdomains.claim(view.link().partnerId(), view.link().customerId(),
                    chosen, properties.setupSubdomainTimeout());
            if (answer.isEmpty()) {
                return new Outcome(view, List.of(), false, Set.of(), chosen, SubdomainProblem.UNAVAILABLE,
                        List.of());
            }
            switch (answer.get()) {
                case SubdomainClaimed claimed -> subdomain = claimed.subdomain();
                case SubdomainTaken taken -> {
                    return new Outcome(view, List.of(), false, Set.of(), chosen, SubdomainProblem.TAKEN,
                            taken.suggestions());
                }
                case SubdomainAvailability unexpected -> {
                    log.warn("customer-service answered a claim with an availability; treated as no answer");
                    return new Outcome(view, List.of(), false, Set.of(), chosen, SubdomainProblem.UNAVAILABLE,
                            List.of());
                }
            }
        }
        if (view.needsPassword() && !activations.activate(view.administrator(), passwords.encode(password))) {
            // Activated (or its link replaced) meanwhile, e.g. through the activation e-mail: judge again.
            return complete(token, new Submission(null, null, submission.confirmed(), chosen));
        }
        Instant now = clock.instant();
        SetupLink link = view.link();
        if (links.complete(link, now, subdomain, List.of(
                OutgoingMessage.toConsumer(CustomerChannels.COMMANDS, codec.command(CustomerMessages.COMMANDS, null,
                        null, link.partnerId(), null, null, new CompleteSetup(link.customerId(), now, subdomain))),
                OutgoingMessage.toConsumer(NotificationChannels.COMMANDS, codec.command(NotificationMessages.COMMANDS,
                        null, null, link.partnerId(), null, null, new EndSetupEmails(link.customerId(), now,
                                subdomain)))))) {
            log.info("Setup of customer {} completed through its setup link", link.customerId());
        }
        return new Outcome(inspect(token), List.of(), false, Set.of(), chosen);
    }

    /** As typed, without surrounding blanks, in lower case (sub-domains ignore case); {@code null} stays. */
    private static String normalised(String name) {
        return name == null ? null : name.strip().toLowerCase(Locale.ROOT);
    }

    /** The onboarding's administrator: the organization's first administrator from its own onboarding. */
    private Optional<User> administrator(SetupLink link, Organization organization) {
        return users.byCustomer(link.partnerId(), link.customerId()).stream()
                .filter(u -> u.role() == UserRole.ADMINISTRATOR)
                .filter(u -> organization.sagaId() == null || organization.sagaId().equals(u.sagaId()))
                .min(Comparator.comparing(User::createdAt));
    }
}
