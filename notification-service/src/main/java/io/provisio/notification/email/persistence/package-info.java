/** The {@code notifications} collection: single-document atomic writes only, claims by find-and-modify. */
package io.provisio.notification.email.persistence;
