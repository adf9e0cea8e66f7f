/** What this service knows of a customer beyond its owner: whether it is suspended. No Spring or MongoDB here. */
package io.provisio.subscription.customer.domain;
