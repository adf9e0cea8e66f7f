package io.provisio.customer.customers.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.customer.customers.domain.Address;
import io.provisio.customer.customers.domain.Customer;
import io.provisio.customer.customers.domain.CustomerStatus;
import io.provisio.customer.customers.domain.SearchKey;
import io.provisio.customer.customers.domain.Setup;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code customers} document as Spring Data maps it, field for field as stored (besides the outbox's {@code outbox}
 * and {@code outboxPendingSince}). What the onboarding asked for is written as {@code null} where it gave nothing, as
 * it always was; {@code updatedAt} appears with the first change. Customers stored before versions, depths and
 * sub-domains lack them: {@code version} reads as 0, {@code depth} as 1.
 *
 * @param accountNameKey {@code partnerId/accountName}, unique
 * @param depth          the level in the partner's hierarchy, a root customer's is 1
 * @param searchKey      {@link SearchKey}
 * @param setup          absent when the onboarding named no setup
 */
record CustomerDocument(
        @MongoId(FieldType.STRING) String id,
        String accountName,
        @Field(write = Field.Write.ALWAYS) String companyName,
        @Field(write = Field.Write.ALWAYS) String externalCode,
        @Field(write = Field.Write.ALWAYS) String parentCustomerId,
        @Field(write = Field.Write.ALWAYS) AddressDocument address,
        @Field(write = Field.Write.ALWAYS) String businessType,
        @Field(write = Field.Write.ALWAYS) String tenantType,
        @Field(write = Field.Write.ALWAYS) String edition,
        @Field(write = Field.Write.ALWAYS) String locale,
        @Field(write = Field.Write.ALWAYS) List<String> domains,
        @Field(write = Field.Write.ALWAYS) String emergencyContactEmail,
        String partnerId,
        String sagaId,
        String accountNameKey,
        String subdomain,
        Integer depth,
        String searchKey,
        CustomerStatus status,
        Long version,
        Instant createdAt,
        @Field(write = Field.Write.ALWAYS) Instant activatedAt,
        Instant updatedAt,
        SetupDocument setup) {

    /** The address as registered, its missing parts {@code null}. */
    record AddressDocument(@Field(write = Field.Write.ALWAYS) String street,
                           @Field(write = Field.Write.ALWAYS) String city,
                           @Field(write = Field.Write.ALWAYS) String region,
                           @Field(write = Field.Write.ALWAYS) String postalCode,
                           @Field(write = Field.Write.ALWAYS) String country) {

        static AddressDocument of(io.provisio.customer.contracts.Address address) {
            return address == null ? null : new AddressDocument(address.street(), address.city(), address.region(),
                    address.postalCode(), address.country());
        }

        Address address() {
            return new Address(street, city, region, postalCode, country);
        }
    }

    /**
     * The delegated setup (ADR 023): SETUP_PENDING from registration, SETUP_DONE with its instant and sub-domain once
     * completed; {@code escalatedAt} is set by the first escalation.
     *
     * @param startDate the day as ISO text ({@code 2027-01-04}), not a date: no time zone to get wrong
     * @param subdomain absent until the setup is done
     */
    record SetupDocument(String status,
                         @Field(write = Field.Write.ALWAYS) String by,
                         @Field(write = Field.Write.ALWAYS) String contactEmail,
                         @Field(write = Field.Write.ALWAYS) String startDate,
                         @Field(write = Field.Write.ALWAYS) Instant escalatedAt,
                         @Field(write = Field.Write.ALWAYS) Instant completedAt,
                         String subdomain) {

        static final String PENDING = "SETUP_PENDING";
        static final String DONE = "SETUP_DONE";

        static SetupDocument pending(io.provisio.customer.contracts.Setup setup) {
            return setup == null ? null : new SetupDocument(PENDING, setup.by(), setup.contactEmail(),
                    setup.startDate() == null ? null : setup.startDate().toString(), null, null, null);
        }

        Setup setup() {
            return new Setup(status, by, contactEmail, startDate == null ? null : LocalDate.parse(startDate),
                    escalatedAt, completedAt, subdomain);
        }
    }

    /** A customer registered by an onboarding: PROVISIONING, version 0, not yet activated. */
    static CustomerDocument registered(String partnerId, String customerId, String sagaId, CustomerProfile profile,
                                       String subdomain, int depth, Instant createdAt) {
        return new CustomerDocument(customerId, profile.accountName(), profile.companyName(), profile.externalCode(),
                profile.parentCustomerId(), AddressDocument.of(profile.address()), profile.businessType(),
                profile.tenantType(), profile.edition(), profile.locale(), profile.domains(),
                profile.emergencyContactEmail(), partnerId, sagaId, partnerId + "/" + profile.accountName(), subdomain,
                depth, SearchKey.of(profile.accountName(), profile.companyName(), profile.externalCode()),
                CustomerStatus.PROVISIONING, 0L, createdAt, null, null, SetupDocument.pending(profile.setup()));
    }

    Customer customer() {
        return new Customer(id, partnerId, status, accountName, companyName, externalCode, parentCustomerId,
                address == null ? null : address.address(), businessType, tenantType, edition, locale, domains,
                emergencyContactEmail, subdomain, createdAt, activatedAt, setup == null ? null : setup.setup(),
                version);
    }

    CustomerStore.Parent parent() {
        return new CustomerStore.Parent(id, depth == null ? 1 : depth, locale, businessType, emergencyContactEmail);
    }

    List<String> ownDomains() {
        return domains == null ? List.of() : domains;
    }
}
