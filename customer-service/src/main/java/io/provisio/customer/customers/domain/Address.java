package io.provisio.customer.customers.domain;

/** A customer's postal address; {@code country} is ISO 3166-1 alpha-2. */
public record Address(String street, String city, String region, String postalCode, String country) {
}
