/** Starting a setup's timer, firing its due stages under a lease, and ending it when setup completes. */
package io.provisio.notification.setup.application;
