/** The customer aggregate: its statuses, its transitions and the events they announce, its search key. Plain Java. */
package io.provisio.customer.customers.domain;
