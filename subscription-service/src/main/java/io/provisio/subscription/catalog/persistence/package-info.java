/** The plan catalogue in MongoDB (collection plans). */
package io.provisio.subscription.catalog.persistence;
