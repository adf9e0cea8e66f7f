/** The plan catalogue: what a partner can sell and the rules each plan sets. */
package io.provisio.subscription.catalog.domain;
