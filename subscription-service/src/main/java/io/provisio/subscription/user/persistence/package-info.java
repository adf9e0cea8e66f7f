/** Collection {@code users}: this service's copy of the customers' users, fed by identity's events. */
package io.provisio.subscription.user.persistence;
