/** The customers this service serves, as the other features see them: owner and latest suspension. */
package io.provisio.subscription.customer.application;
