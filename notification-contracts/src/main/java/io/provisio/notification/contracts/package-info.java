/** Message contracts owned by notification: notification-service's commands and replies. No Spring here (ADR 001). */
package io.provisio.notification.contracts;
