/** The setup cadence: which e-mail or escalation falls due when, counted from the start; no Spring, no MongoDB. */
package io.provisio.notification.setup.domain;
