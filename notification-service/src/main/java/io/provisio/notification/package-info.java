/** notification-service: see its README. */
package io.provisio.notification;
