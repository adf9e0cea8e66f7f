/**
 * The plan catalogue: what a partner can sell, the rules each plan sets, and which plan lists may be subscribed. No
 * Spring or MongoDB here.
 */
package io.provisio.subscription.catalog.domain;
