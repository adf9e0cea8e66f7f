/** Sends due webhook deliveries over HTTP under a lease, after checking the target again (SSRF, DNS rebinding). */
package io.provisio.notification.webhook.delivery;
