/** Users and organizations (with their support contacts) in MongoDB ({@code users}, {@code customers}), with the indexes that guard them and their outboxes. */
package io.provisio.identity.user.persistence;
