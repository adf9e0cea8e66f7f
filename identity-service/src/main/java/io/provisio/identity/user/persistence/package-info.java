/** Users and support contacts in MongoDB ({@code users}, {@code contacts}) with the indexes that guard them. */
package io.provisio.identity.user.persistence;
