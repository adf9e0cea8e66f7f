/** {@code setup_timers}: one leased timer document per customer's setup. */
package io.provisio.notification.setup.persistence;
