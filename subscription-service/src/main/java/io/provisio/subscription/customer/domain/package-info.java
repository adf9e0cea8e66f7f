/**
 * What this service knows of a customer beyond its owner: its latest suspension or resumption. No Spring or MongoDB
 * here.
 */
package io.provisio.subscription.customer.domain;
