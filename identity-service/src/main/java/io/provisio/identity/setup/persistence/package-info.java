/** {@code setup_links}: one document per customer, with the outbox its messages leave from. */
package io.provisio.identity.setup.persistence;
