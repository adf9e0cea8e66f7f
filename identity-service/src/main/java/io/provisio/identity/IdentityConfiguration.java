package io.provisio.identity;

import io.provisio.identity.staff.persistence.StaffStore;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.SetupLinkStore;
import io.provisio.identity.user.persistence.UserStore;
import io.provisio.passwords.PasswordPolicy;
import io.provisio.platform.config.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by identity's features: the password policy and the collections whose outboxes are relayed. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    PasswordPolicy passwordPolicy() {
        return new PasswordPolicy();
    }

    /** UserCreated events and ScheduleActivationEmail commands leave from the user they are about. */
    @Bean
    OutboxCollection usersOutbox() {
        return new OutboxCollection(UserStore.COLLECTION);
    }

    /** A setup's ScheduleSetupEmails and SetupCompleted leave from its setup link (ADR 023). */
    @Bean
    OutboxCollection setupLinksOutbox() {
        return new OutboxCollection(SetupLinkStore.COLLECTION);
    }

    /** UserDeleted events of a compensation leave from the organization's tombstone. */
    @Bean
    OutboxCollection customersOutbox() {
        return new OutboxCollection(OrganizationStore.COLLECTION);
    }

    /** A staff invitation's ScheduleStaffInvitationEmail leaves from the invited member (ADR 029). */
    @Bean
    OutboxCollection staffOutbox() {
        return new OutboxCollection(StaffStore.COLLECTION);
    }
}
