/** The partner console's page and static files under {@code /console/} (ADR 024). */
package io.provisio.gateway.console;
