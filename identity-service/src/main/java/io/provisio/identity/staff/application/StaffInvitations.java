package io.provisio.identity.staff.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.provisio.identity.partner.application.PartnerRegistry;
import io.provisio.identity.partner.domain.Partner;
import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.staff.persistence.StaffStore;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.passwords.PasswordPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The invitation page's side of staff management (ADR 029), the activation page's machinery for staff: a link is
 * the SHA-256 of a 256-bit token with an expiry, stored on the member, used once. What a link is now (pending,
 * expired, used, unknown), which rules a password breaks (the one {@link PasswordPolicy}, with the person's and the
 * partner's words), and setting the password: a compare-and-set on the link, so a link works exactly once.
 */
@Component
public class StaffInvitations {

    private static final Logger log = LoggerFactory.getLogger(StaffInvitations.class);

    private final StaffStore staff;
    private final PartnerRegistry partners;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final Clock clock;

    StaffInvitations(StaffStore staff, PartnerRegistry partners,
                     PasswordPolicy policy, PasswordEncoder passwords, Clock clock) {
        this.staff = staff;
        this.partners = partners;
        this.policy = policy;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Where a link stands. */
    public enum State { PENDING, EXPIRED, USED, UNKNOWN }

    /**
     * A link as the page shows it.
     *
     * @param member      the invited person (PENDING, EXPIRED) or the one who used it (USED), else {@code null}
     * @param partnerName the name of the partner they work for, where known
     */
    public record Link(State state, StaffMember member, String partnerName) {

        public Optional<String> language() {
            return Optional.ofNullable(member).map(StaffMember::language);
        }
    }

    public Link inspect(String token) {
        if (!ActivationToken.wellFormed(token)) {
            return new Link(State.UNKNOWN, null, null);
        }
        String hash = ActivationToken.hash(token);
        Optional<StaffMember> pending = staff.findByInvitationHash(hash);
        if (pending.isEmpty()) {
            // A replaced link reads as unknown: the newer one is in a newer e-mail.
            return staff.findByUsedInvitation(hash).map(used -> new Link(State.USED, used, partnerName(used)))
                    .orElse(new Link(State.UNKNOWN, null, null));
        }
        StaffMember member = pending.get();
        return new Link(member.invitation().expiredAt(clock.instant()) ? State.EXPIRED : State.PENDING, member,
                partnerName(member));
    }

    /** Every rule {@code password} breaks for the holder of a pending link. */
    public List<PasswordPolicy.Rule> failures(Link link, String password) {
        if (link.state() != State.PENDING) {
            throw new IllegalArgumentException("only a pending link's password is judged");
        }
        List<String> words = new ArrayList<>();
        words.add(link.member().username());
        words.add(link.member().displayName() == null ? "" : link.member().displayName());
        words.add(link.partnerName() == null ? "" : link.partnerName());
        return policy.failures(password, words);
    }

    /**
     * Sets the password of a pending link's holder, who turns ACTIVE and may sign in.
     *
     * @return the member as now stored, or empty when the link is not (or no longer) pending or the password
     *         breaks a rule: the caller shows the page for what the link is now
     */
    public Optional<StaffMember> accept(String token, String password) {
        Link link = inspect(token);
        if (link.state() != State.PENDING || !failures(link, password).isEmpty()) {
            return Optional.empty();
        }
        if (!staff.activate(link.member(), passwords.encode(password), clock.instant())) {
            return Optional.empty();
        }
        log.info("Staff member {} of partner {} accepted the invitation", link.member().id(),
                link.member().partnerId());
        return staff.find(link.member().id());
    }

    private String partnerName(StaffMember member) {
        return partners.find(member.partnerId()).map(Partner::name).orElse(null);
    }
}
