/** E-mail notifications: scheduled by the onboarding saga, delivered by a lease-based dispatcher. */
package io.provisio.notification.email;
